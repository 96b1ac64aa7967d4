import type { CallerEmails } from '#core/ports/caller-emails.ts';
import type { Clock } from '#core/ports/clock.ts';

/** How long a looked-up address is trusted: a recruiter whose address changes sees "Mine" follow within it. */
export const CALLER_EMAIL_CACHE_MS = 5 * 60 * 1000;

/** At most this many callers are remembered per container; the oldest entry goes first. */
const MAX_ENTRIES = 1000;

/**
 * Remembers each caller's address (or its absence) for `ttlMs` per warm container, so the directory is asked once
 * per recruiter and few minutes, not on every `GET /notices`. Failures are not remembered: the next request asks
 * again.
 */
export class CachingCallerEmails implements CallerEmails {
  private readonly entries = new Map<string, { readonly email: string | undefined; readonly until: number }>();

  constructor(
    private readonly inner: CallerEmails,
    private readonly clock: Clock,
    private readonly ttlMs: number = CALLER_EMAIL_CACHE_MS,
  ) {}

  async emailOf(username: string): Promise<string | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(username);
    if (cached !== undefined && cached.until > now) return cached.email;
    const email = await this.inner.emailOf(username);
    this.entries.delete(username);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(username, { email, until: now + this.ttlMs });
    return email;
  }
}
