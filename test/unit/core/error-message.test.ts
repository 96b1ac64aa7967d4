import { describe, expect, it } from 'vitest';
import { errorMessage } from '#core/domain/error-message.ts';

describe('errorMessage', () => {
  it("is an Error's message, and the text of anything else thrown", () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
    expect(errorMessage('plain string')).toBe('plain string');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
