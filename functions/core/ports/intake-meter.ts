/**
 * Counts what arrives at the front door, so silence can be alarmed on: a webhook refused (and why), a decision
 * received (and from where). Lost decisions make no noise of their own: a rotated ATS secret turns every delivery
 * into a 401, and the vendor stops retrying after a while.
 */
export type WebhookRefusal = 'signature' | 'stale' | 'schema';

export interface IntakeMeter {
  /** A webhook delivery refused before anything was recorded. */
  refused(source: string, reason: WebhookRefusal): void;
  /** Decisions (or reversals) accepted from a source: a webhook's name, or `api` for `POST /decisions`. */
  received(source: string, count: number): void;
}

export const silentIntakeMeter: IntakeMeter = { refused() {}, received() {} };
