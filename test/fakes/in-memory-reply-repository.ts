import type { FlagName } from '#core/domain/candidate-flag.ts';
import { ValidationError } from '#core/domain/errors.ts';
import type { Reply, ReplyResolution } from '#core/domain/reply.ts';
import type {
  ReplyCreateOutcome,
  ReplyRepository,
  UnmatchedRepliesPage,
  UnmatchedRepliesQuery,
} from '#core/ports/reply-repository.ts';

/** Replies in memory, with the DynamoDB adapter's semantics (both pass the reply repository contract). */
export class InMemoryReplyRepository implements ReplyRepository {
  readonly items = new Map<string, Reply>();

  async create(reply: Reply): Promise<ReplyCreateOutcome> {
    const existing = this.items.get(reply.id);
    if (existing) return { created: false, existing: structuredClone(existing) };
    this.items.set(reply.id, structuredClone(reply));
    return { created: true };
  }

  async get(id: string): Promise<Reply | undefined> {
    const reply = this.items.get(id);
    return reply ? structuredClone(reply) : undefined;
  }

  async markProcessed(id: string, at: string, flags: readonly FlagName[]): Promise<void> {
    const reply = this.items.get(id);
    if (!reply) throw new Error(`no reply ${id}`);
    this.items.set(id, { ...reply, processedAt: at, flags: [...flags] });
  }

  async listUnmatched(query: UnmatchedRepliesQuery): Promise<UnmatchedRepliesPage> {
    // Ordered as the index orders them: by receivedAt, then id, newest first.
    const position = (r: Reply) => `${r.receivedAt}#${r.id}`;
    const all = [...this.items.values()]
      .filter((r) => r.correlation.candidateId === undefined && r.resolution === undefined)
      .sort((a, b) => (position(a) < position(b) ? 1 : position(a) > position(b) ? -1 : 0));
    let start = 0;
    if (query.cursor !== undefined) {
      const at = all.findIndex((r) => position(r) === query.cursor);
      if (at < 0) {
        throw new ValidationError('The cursor is not one this list handed out', [
          { field: 'cursor', message: 'use the nextCursor of the previous page, unchanged' },
        ]);
      }
      start = at + 1;
    }
    const items = all.slice(start, start + query.limit);
    const last = items.at(-1);
    const more = start + query.limit < all.length;
    return { items: items.map((r) => structuredClone(r)), ...(more && last ? { cursor: position(last) } : {}) };
  }

  async link(reply: Reply): Promise<boolean> {
    if (!this.unresolved(reply.id)) return false;
    this.items.set(reply.id, structuredClone(reply));
    return true;
  }

  async dismiss(id: string, resolution: ReplyResolution): Promise<boolean> {
    const current = this.items.get(id);
    if (current === undefined || !this.unresolved(id)) return false;
    this.items.set(id, { ...current, resolution: { ...resolution } });
    return true;
  }

  private unresolved(id: string): boolean {
    const current = this.items.get(id);
    return (
      current !== undefined &&
      current.correlation.method === 'none' &&
      current.correlation.candidateId === undefined &&
      current.resolution === undefined
    );
  }
}
