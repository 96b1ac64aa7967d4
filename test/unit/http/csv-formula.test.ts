import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../../functions/http/csv.js';

/** What Excel takes for a formula at the start of a field: ASCII and full-width = + - @. */
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Every field a spreadsheet would see when it splits the document on `delimiter` (de/fr Excel uses `;`). */
function fieldsSplitOn(delimiter: string, document: string): string[] {
  const records: string[][] = parse(document, { delimiter, bom: true, relax_quotes: true, relax_column_count: true });
  return records.flat().flatMap((field) => field.split(/[\r\n]/));
}

const hostile = [
  'x;=1+1;',
  'a;+cmd|calc',
  'name; -2+3',
  'a,@SUM(A1)',
  'a\t=1',
  'line\n=1+1',
  'line\r\n@x',
  '\uFF1D1+1',
  'x;\uFF0B1',
  '\uFF0D1',
  '\uFF20SUM(A1)',
  '=HYPERLINK("http://evil.example","click")',
];

describe('csvCell defuses formulas for comma and semicolon spreadsheets', () => {
  it("leaves no field starting with a formula character when split on ';' or ','", () => {
    const document = csvDocument(
      ['value', 'other'],
      hostile.map((text) => [text, 'ok']),
    );
    for (const delimiter of [';', ',']) {
      const fields = fieldsSplitOn(delimiter, document);
      expect(fields.length).toBeGreaterThan(hostile.length);
      expect(fields.filter((field) => FORMULA_START.test(field))).toEqual([]);
    }
  });

  it('keeps ordinary text as it is', () => {
    expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvCell('Data, Science')).toBe('"Data, Science"');
    expect(csvCell('x;=1+1;')).toBe("x;'=1+1;");
    expect(csvCell(-3)).toBe("'-3");
  });
});
