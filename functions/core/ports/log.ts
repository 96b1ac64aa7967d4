/**
 * The logging a use case needs. Powertools' Logger satisfies it structurally, so use cases stay free of AWS
 * imports. Pass ids, never candidate emails or reply text.
 */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
