import { OPEN_RELAY_STATUSES, type Relay, type RelayHistoryEntry } from '#core/domain/relay.ts';
import type {
  RecruiterToken,
  RelayCreateOutcome,
  RelayRepository,
  RelayTransition,
  WindowCount,
} from '#core/ports/relay-repository.ts';

const HOUR_MS = 60 * 60 * 1000;

/** A thread's state: its recruiter token (first writer wins) and its hourly relay window. */
interface ThreadState {
  readonly candidateId: string;
  token?: RecruiterToken;
  /** The window's start and the ids of the relays counted in it. */
  window?: { start: string; counted: Set<string> };
}

/** When an open relay is due: deferred at `nextAttemptAt`, sending when its lease ends, pending at once. */
export function relayDueAt(relay: Relay): string | undefined {
  switch (relay.status) {
    case 'pending':
      return relay.createdAt;
    case 'deferred':
      return relay.nextAttemptAt ?? relay.updatedAt;
    case 'sending':
      return relay.leaseUntil ?? relay.updatedAt;
    default:
      return undefined;
  }
}

/**
 * Relays in memory, with the DynamoDB adapter's conditional semantics (both pass
 * `test/contracts/relay-repository-contract.ts`). Copies on the way in and out, as a database would.
 */
export class InMemoryRelayRepository implements RelayRepository {
  readonly items = new Map<string, Relay>();
  readonly threads = new Map<string, ThreadState>();
  readonly tokens = new Map<string, RecruiterToken>();

  async create(relay: Relay): Promise<RelayCreateOutcome> {
    const existing = this.items.get(relay.id);
    if (existing) return { created: false, existing: structuredClone(existing) };
    this.items.set(relay.id, structuredClone(relay));
    return { created: true };
  }

  async get(id: string): Promise<Relay | undefined> {
    const relay = this.items.get(id);
    return relay ? structuredClone(relay) : undefined;
  }

  async delete(id: string): Promise<void> {
    this.items.delete(id);
  }

  async transition(id: string, t: RelayTransition): Promise<Relay | undefined> {
    const relay = this.items.get(id);
    if (!relay || !t.from.includes(relay.status)) return undefined;
    if (
      t.leaseExpiredBefore !== undefined &&
      relay.status === 'sending' &&
      !(relay.leaseUntil !== undefined && relay.leaseUntil <= t.leaseExpiredBefore)
    ) {
      return undefined;
    }
    if (t.expectedAttempts !== undefined && relay.attempts !== t.expectedAttempts) return undefined;
    const set = Object.fromEntries(Object.entries(t.set ?? {}).filter(([, value]) => value !== undefined));
    const next: Relay = {
      ...relay,
      ...set,
      status: t.to,
      updatedAt: t.at,
      history: [...relay.history, { at: t.at, status: t.to, detail: t.detail }],
    };
    this.items.set(id, next);
    return structuredClone(next);
  }

  async listByNotice(noticeId: string): Promise<Relay[]> {
    return [...this.items.values()]
      .filter((r) => r.noticeId === noticeId)
      .sort((a, b) => compare(`${a.createdAt}#${a.id}`, `${b.createdAt}#${b.id}`))
      .map((r) => structuredClone(r));
  }

  async findDue(now: Date, limit: number): Promise<Relay[]> {
    const until = now.toISOString();
    return [...this.items.values()]
      .filter((r) => OPEN_RELAY_STATUSES.includes(r.status))
      .map((r) => ({ relay: r, dueAt: relayDueAt(r) ?? '' }))
      .filter((d) => d.dueAt <= until)
      .sort((a, b) => compare(`${a.dueAt}#${a.relay.id}`, `${b.dueAt}#${b.relay.id}`))
      .slice(0, limit)
      .map((d) => structuredClone(d.relay));
  }

  async recruiterTokenFor(noticeId: string, candidateId: string, mint: RecruiterToken): Promise<RecruiterToken> {
    const thread = this.thread(noticeId, candidateId);
    // The first token wins; the retention follows the latest relay that asked for it.
    thread.token = { ...(thread.token ?? { ...mint, noticeId, candidateId }), retainUntil: mint.retainUntil };
    this.tokens.set(thread.token.token, structuredClone(thread.token));
    return structuredClone(thread.token);
  }

  async byRecruiterToken(token: string): Promise<RecruiterToken | undefined> {
    const found = this.tokens.get(token);
    return found ? structuredClone(found) : undefined;
  }

  async countInWindow(
    noticeId: string,
    candidateId: string,
    at: Date,
    cap: number,
    relayId: string,
  ): Promise<WindowCount> {
    const thread = this.thread(noticeId, candidateId);
    const now = at.toISOString();
    const hourAgo = new Date(at.getTime() - HOUR_MS).toISOString();
    if (cap < 1) return { counted: false, windowStart: now };
    if (thread.window === undefined || thread.window.start <= hourAgo) {
      thread.window = { start: now, counted: new Set([relayId]) };
      return { counted: true, windowStart: now };
    }
    const { window } = thread;
    const full = !window.counted.has(relayId) && window.counted.size >= cap;
    if (full) return { counted: false, windowStart: window.start };
    window.counted.add(relayId);
    return { counted: true, windowStart: window.start };
  }

  async note(id: string, entry: RelayHistoryEntry): Promise<void> {
    const relay = this.items.get(id);
    if (!relay) throw new Error(`no relay ${id}`);
    this.items.set(id, { ...relay, history: [...relay.history, structuredClone(entry)] });
  }

  private thread(noticeId: string, candidateId: string): ThreadState {
    let thread = this.threads.get(noticeId);
    if (thread === undefined) {
      thread = { candidateId };
      this.threads.set(noticeId, thread);
    }
    return thread;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
