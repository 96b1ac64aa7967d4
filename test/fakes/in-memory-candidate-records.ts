import type { Reply } from '#core/domain/reply.ts';
import type { CandidateRecord, CandidateRecords, ErasedItems } from '#core/ports/candidate-records.ts';
import type { InMemoryDecisionRepository } from './in-memory-decision-repository.ts';
import type { InMemoryFlagRepository } from './in-memory-flag-repository.ts';
import type { InMemoryNoticeRepository } from './in-memory-notice-repository.ts';
import type { InMemoryRelayRepository } from './in-memory-relay-repository.ts';
import type { InMemoryReplyRepository } from './in-memory-reply-repository.ts';

/** The `byCandidate` index over the in-memory repositories: what the DynamoDB adapter reads and deletes. */
export class InMemoryCandidateRecords implements CandidateRecords {
  constructor(
    private readonly repos: {
      readonly decisions: InMemoryDecisionRepository;
      readonly notices: InMemoryNoticeRepository;
      readonly replies: InMemoryReplyRepository;
      readonly flags: InMemoryFlagRepository;
      /** A world without conversations holds no relays. */
      readonly relays?: InMemoryRelayRepository;
    },
  ) {}

  async read(candidateId: string, options: { readonly replies?: boolean } = {}): Promise<CandidateRecord> {
    const relays = this.repos.relays;
    return structuredClone({
      decisions: [...this.repos.decisions.items.values()].filter((d) => d.candidateId === candidateId),
      notices: [...this.repos.notices.items.values()].map((s) => s.notice).filter((n) => n.candidateId === candidateId),
      replies: options.replies === false ? [] : this.repliesOf(candidateId),
      flags: [...this.repos.flags.items.values()].filter((f) => f.candidateId === candidateId),
      relays: [...(relays?.items.values() ?? [])].filter((r) => r.candidateId === candidateId),
      relayThreads: [...(relays?.threads.entries() ?? [])]
        .filter(([, thread]) => thread.candidateId === candidateId)
        .map(([noticeId]) => noticeId),
      recruiterTokens: [...(relays?.tokens.values() ?? [])]
        .filter((t) => t.candidateId === candidateId)
        .map((t) => t.token),
    });
  }

  async replyPage(
    candidateId: string,
    page: { readonly limit: number; readonly before?: { readonly at: string; readonly id?: string } },
  ): ReturnType<CandidateRecords['replyPage']> {
    const key = (r: Reply) => `${r.receivedAt}#${r.id}`;
    const before = page.before === undefined ? undefined : `${page.before.at}#${page.before.id ?? ''}`;
    const older = this.repliesOf(candidateId)
      .filter((r) => before === undefined || key(r) < before)
      .sort((a, b) => (key(a) < key(b) ? 1 : -1));
    return { replies: structuredClone(older.slice(0, page.limit)), more: older.length > page.limit };
  }

  private repliesOf(candidateId: string): Reply[] {
    return [...this.repos.replies.items.values()].filter((r) => r.correlation.candidateId === candidateId);
  }

  async unmatchedRepliesFrom(emailDigests: readonly string[]): Promise<Reply[]> {
    return [...this.repos.replies.items.values()]
      .filter((r) => r.correlation.candidateId === undefined && r.fromDigest !== undefined)
      .filter((r) => emailDigests.includes(r.fromDigest ?? ''))
      .map((r) => structuredClone(r));
  }

  async delete(record: CandidateRecord): Promise<ErasedItems> {
    const counts = {
      decisions: 0,
      notices: 0,
      replies: 0,
      flags: 0,
      relays: 0,
      relayThreads: 0,
      recruiterTokens: 0,
    };
    for (const d of record.decisions) if (this.repos.decisions.items.delete(d.key)) counts.decisions += 1;
    for (const n of record.notices) if (this.repos.notices.items.delete(n.id)) counts.notices += 1;
    for (const r of record.replies) if (this.repos.replies.items.delete(r.id)) counts.replies += 1;
    for (const f of record.flags) {
      if ((await this.repos.flags.get(f.candidateId, f.flag)) === undefined) continue;
      this.repos.flags.delete(f.candidateId, f.flag);
      counts.flags += 1;
    }
    const relays = this.repos.relays;
    if (relays !== undefined) {
      for (const r of record.relays) if (relays.items.delete(r.id)) counts.relays += 1;
      for (const noticeId of record.relayThreads) if (relays.threads.delete(noticeId)) counts.relayThreads += 1;
      for (const token of record.recruiterTokens) if (relays.tokens.delete(token)) counts.recruiterTokens += 1;
    }
    return counts;
  }
}
