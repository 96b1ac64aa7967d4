import { ValidationError } from '#core/domain/errors.ts';

/**
 * Opaque page cursors: DynamoDB's last evaluated key as base64url JSON. A cursor comes back from a client, so
 * it is checked before use: it must decode to string values of the shape the caller expects, or the request
 * is refused (never passed to DynamoDB as is).
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(
  cursor: string,
  isValid: (key: Record<string, unknown>) => boolean,
): Record<string, unknown> {
  const refuse = () =>
    new ValidationError('The cursor is not one this list handed out', [
      { field: 'cursor', message: 'use the nextCursor of the previous page, unchanged' },
    ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw refuse();
  const record = key as Record<string, unknown>;
  if (!Object.values(record).every((v) => typeof v === 'string') || !isValid(record)) throw refuse();
  return record;
}
