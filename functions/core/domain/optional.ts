/** `T` with every field optional and never `undefined` when present. */
export type DefinedFields<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * The fields of `fields` whose value is not `undefined`, the others left out (absent, not present as
 * `undefined`): what DynamoDB items, JSON bodies and `toStrictEqual` see. Spread it where an object has
 * optional fields, `{ id, ...definedFields({ from, subject }) }`, instead of one
 * `...(x === undefined ? {} : { x })` per field.
 */
export function definedFields<T extends object>(fields: T): DefinedFields<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as DefinedFields<T>;
}
