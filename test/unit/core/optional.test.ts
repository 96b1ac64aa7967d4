import { describe, expect, it } from 'vitest';
import { definedFields } from '#core/domain/optional.ts';

describe('definedFields', () => {
  it('leaves out the fields whose value is undefined, keeping null, false, 0 and empty strings', () => {
    const from: string | undefined = undefined;
    const fields = definedFields({ from, subject: 'Hello', none: null, no: false, zero: 0, empty: '' });
    expect(fields).toStrictEqual({ subject: 'Hello', none: null, no: false, zero: 0, empty: '' });
    expect('from' in fields).toBe(false);
  });
});
