/**
 * Waits before the next attempt of a conditional write that lost to a concurrent one. Replies to one candidate
 * can arrive together (a burst from one mail client, or several Lambda invocations of one batch), and
 * retrying at once only meets the same writers again; waiting a random time spreads them out.
 */
export type ContentionBackoff = (attempt: number) => Promise<void>;

/**
 * How many times a flag write is tried. A writer loses only to another's success, so N writers that all finish
 * need at most N attempts each; 12 covers any burst seen, and a lost write still fails loudly after that.
 */
export const MAX_CONTENDED_ATTEMPTS = 12;

/**
 * "Full jitter" (a uniform wait up to base·2^attempt, capped): what AWS recommends for contended retries.
 * `random` and `sleep` are injected so a test neither waits nor depends on chance.
 */
export function jitteredBackoff(
  options: {
    readonly baseMs?: number;
    readonly capMs?: number;
    readonly random?: () => number;
    readonly sleep?: (ms: number) => Promise<void>;
  } = {},
): ContentionBackoff {
  const { baseMs = 10, capMs = 250, random = Math.random } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return (attempt) => sleep(Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt)));
}
