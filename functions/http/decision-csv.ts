import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { type DecisionInput, DecisionInputSchema, decisionKeyOf } from '#core/domain/decision.ts';
import { PayloadTooLargeError, ValidationError } from '#core/domain/errors.ts';
import { issuesFromZod } from './problem.ts';

/** The most rows one file may carry: measured to record within the API's 30 s (docs/BENCHMARKS.md). */
export const MAX_CSV_DECISIONS = 5_000;

/** A problem with one cell of the file: its line (1 is the header) and its column (the header's name). */
export interface CsvIssue {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** One data row: the decision it reads as when valid, else what is wrong with it. */
export interface CsvRow {
  readonly line: number;
  readonly decision?: DecisionInput;
  readonly errors: CsvIssue[];
}

/** What a row may leave out that JSON requires: a file from a recruiter is a list of manual rejections. */
const CSV_DEFAULTS = { source: 'manual', decision: 'rejected' } as const;

interface Column {
  readonly path: readonly string[];
  readonly required: boolean;
  readonly boolean: boolean;
}

/** Every leaf of the decision schema by its JSON path (`candidate.email`): the columns a file may name. */
export const DECISION_COLUMNS: ReadonlyMap<string, Column> = new Map(leaves(DecisionInputSchema, [], true));

function leaves(schema: z.ZodType, path: readonly string[], required: boolean): [string, Column][] {
  const optional = schema instanceof z.ZodOptional;
  const inner = optional ? (schema.unwrap() as z.ZodType) : schema;
  const isRequired = required && !optional;
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
      leaves(child, [...path, key], isRequired),
    );
  }
  const name = path.join('.');
  const defaulted = Object.hasOwn(CSV_DEFAULTS, name);
  return [[name, { path, required: isRequired && !defaulted, boolean: inner instanceof z.ZodBoolean }]];
}

/**
 * Reads a decisions file: a header row of JSON paths, one decision per row. Throws ValidationError for a file
 * that cannot be read as a table (broken quoting, an unknown, repeated or missing column, no rows) and
 * PayloadTooLargeError past MAX_CSV_DECISIONS; otherwise every row comes back, valid or with its errors, so
 * the caller can refuse the whole file naming each bad row, or show it as a preview.
 */
export function readDecisionCsv(text: string): CsvRow[] {
  const records = parseRecords(text);
  const [header, ...data] = records;
  if (header === undefined || data.length === 0) {
    throw new ValidationError('The file has no decisions: a header row and at least one row are needed.', []);
  }
  if (data.length > MAX_CSV_DECISIONS) {
    throw new PayloadTooLargeError(`The file has ${data.length} rows; at most ${MAX_CSV_DECISIONS} are taken at once.`);
  }
  const columns = readHeader(header.cells);
  const firstLineOf = new Map<string, number>();
  return data.map((record) => {
    const row = readRow(record, columns);
    if (row.decision === undefined) return row;
    const key = decisionKeyOf(row.decision.source, row.decision.applicationId, row.decision.decision);
    const first = firstLineOf.get(key);
    if (first === undefined) {
      firstLineOf.set(key, row.line);
      return row;
    }
    // Two rows for one application: which one is meant cannot be told, and only one would be recorded.
    return {
      line: row.line,
      errors: [{ line: row.line, field: 'applicationId', message: `The same application as line ${first}` }],
    };
  });
}

interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

function parseRecords(text: string): CsvRecord[] {
  try {
    const parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number; empty_lines: number } }[];
    // `info.lines` is where a record ends; it starts after the previous one and any blank lines between.
    let previousEnd = 0;
    let previousEmpty = 0;
    return parsed.map(({ record, info }) => {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      return { line, cells: record };
    });
  } catch (e: unknown) {
    if (e instanceof CsvError) {
      const line = typeof e.lines === 'number' ? e.lines : 1;
      throw new ValidationError('The file cannot be read as CSV; nothing was recorded.', [
        { field: '(file)', message: `Line ${line}: ${e.message}` },
      ]);
    }
    throw e;
  }
}

function readHeader(cells: readonly string[]): (Column & { readonly name: string })[] {
  const names = cells.map((cell) => cell.trim());
  const issues = names.flatMap((name, index) => {
    if (!DECISION_COLUMNS.has(name)) {
      return [
        { field: name || `(column ${index + 1})`, message: 'Unknown column: use a decision field by its JSON path' },
      ];
    }
    return names.indexOf(name) === index ? [] : [{ field: name, message: 'The column appears twice' }];
  });
  for (const [name, column] of DECISION_COLUMNS) {
    if (column.required && !names.includes(name)) issues.push({ field: name, message: 'Missing column' });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `The header row (line 1) names ${issues.length === 1 ? 'a column' : 'columns'} that cannot be read; nothing was recorded.`,
      issues.map((issue) => ({ ...issue, line: 1 })),
    );
  }
  return names.map((name) => ({ name, ...(DECISION_COLUMNS.get(name) as Column) }));
}

function readRow(record: CsvRecord, columns: readonly (Column & { readonly name: string })[]): CsvRow {
  const { line, cells } = record;
  if (cells.length !== columns.length) {
    const message = `The row has ${cells.length} cells; the header has ${columns.length}`;
    return { line, errors: [{ line, field: '(row)', message }] };
  }
  const value: Record<string, unknown> = { ...CSV_DEFAULTS };
  columns.forEach((column, index) => {
    const cell = cells[index] ?? '';
    // An empty cell is a field left out: JSON's defaults apply, as they do to a missing key.
    if (cell.trim() === '') return;
    setPath(value, column.path, column.boolean ? asBoolean(cell) : cell);
  });
  const parsed = DecisionInputSchema.safeParse(value);
  if (parsed.success) return { line, decision: parsed.data, errors: [] };
  return { line, errors: issuesFromZod(parsed.error).map((issue) => ({ line, ...issue })) };
}

function asBoolean(cell: string): boolean | string {
  const word = cell.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(word)) return true;
  if (['false', 'no', '0'].includes(word)) return false;
  return cell;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  const next: Record<string, unknown> =
    typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {};
  target[head] = next;
  setPath(next, rest, value);
}
