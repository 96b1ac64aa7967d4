import type { FlagName } from '#core/domain/candidate-flag.ts';
import type { Reply } from '#core/domain/reply.ts';
import type { ReplyCreateOutcome, ReplyRepository } from '#core/ports/reply-repository.ts';

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

  async listUnmatched(limit: number): Promise<Reply[]> {
    return [...this.items.values()]
      .filter((r) => r.correlation.candidateId === undefined)
      .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
}
