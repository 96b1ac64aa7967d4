export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Exponential backoff with jitter ("equal jitter": half fixed, half random), so a burst of throttled sends
 * does not come back as a burst. `attempt` counts from 1; `random` is injected so tests are exact.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
