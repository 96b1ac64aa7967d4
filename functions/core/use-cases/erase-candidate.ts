import { applicationKeyOf } from '../domain/decision.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { RawMailLocation, Reply } from '../domain/reply.ts';
import type { CandidateRecord, CandidateRecords, ErasedItems } from '../ports/candidate-records.ts';
import type { Clock } from '../ports/clock.ts';
import type { ErasureLog, ErasureReceipt } from '../ports/erasure-log.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { RelayRepository } from '../ports/relay-repository.ts';
import type { SuppressionRepository } from '../ports/suppression-repository.ts';

export interface ErasureResult {
  readonly candidateId: string;
  /** What this request deleted (zero everywhere for a repeat with nothing new). */
  readonly erased: ErasedItems & { readonly rawMessages: number };
  readonly receipt: ErasureReceipt;
}

export type EraseCandidate = (input: { readonly candidateId: string; readonly by: string }) => Promise<ErasureResult>;

/** A write racing the erasure can land in the index after it was read; read again this often. */
const MAX_PASSES = 3;

/**
 * The right to erasure: deletes everything held about a candidate and keeps their address from being mailed
 * again. Idempotent: a repeat finishes an interrupted erasure and removes anything that arrived since.
 *
 * Primary course:
 *  1. Read the candidate's items, and the unmatched replies sent from their addresses.
 *  2. Record the request (`in-progress` receipt: ids and counts, nothing personal).
 *  3. Suppress every address digest the items name (reason `erased`): a later decision is recorded but never
 *     emailed. This comes first, so an email being planned meanwhile is stopped too. Remember each application
 *     (a digest of source and application id): no webhook may recreate it (`receive-ats-event`).
 *  4. Delete the raw messages of every reply and every recruiter answer a relay carried, then every item
 *     (decisions, notices, replies, flags, relays, thread items, recruiter tokens), except a notice or a relay
 *     being sent under a live lease (see `inFlight`).
 *  5. Read again until nothing is left (a concurrent write), then complete the receipt.
 *
 * Alternative course: a notice or a relay is `sending` under a live lease. Its worker may be calling SES right now, so
 * the erasure cannot yet promise that nothing more goes out: the receipt stays `in-progress` with `retryAfter`
 * (the latest lease end) and a repeat of the request after that instant finishes the job.
 */
export function makeEraseCandidate(deps: {
  readonly records: CandidateRecords;
  readonly raw: RawMailStore;
  readonly suppressions: SuppressionRepository;
  readonly erasures: ErasureLog;
  /** Read consistently before deleting: the index may lag behind a claim. */
  readonly notices: Pick<NoticeRepository, 'get'>;
  /** Likewise for relays: one being sent is held like a notice (`inFlight`). */
  readonly relays: Pick<RelayRepository, 'get'>;
  readonly clock: Clock;
  readonly log: Log;
}): EraseCandidate {
  return async ({ candidateId, by }) => {
    const previous = await deps.erasures.get(candidateId);
    let record = await readAll(candidateId);
    if (isEmpty(record) && previous === undefined) throw new NotFoundError(`No candidate with id ${candidateId}`);

    const startedAt = deps.clock.now().toISOString();
    const zero: Counts = {
      decisions: 0,
      notices: 0,
      replies: 0,
      flags: 0,
      relays: 0,
      relayThreads: 0,
      recruiterTokens: 0,
      rawMessages: 0,
    };
    let receipt: ErasureReceipt = {
      candidateId,
      status: 'in-progress',
      requestedAt: previous?.requestedAt ?? startedAt,
      requestedBy: by,
      erased: previous?.erased ?? zero,
      suppressedAddresses: previous?.suppressedAddresses ?? 0,
      runs: (previous?.runs ?? 0) + 1,
    };
    await deps.erasures.save(receipt);
    deps.log.info('candidate erasure started', { candidateId, by, run: receipt.runs });

    let erased = { ...zero };
    const suppressed = new Set<string>();
    let held: HeldNotices = { ids: new Set(), until: undefined };
    for (let pass = 0; pass < MAX_PASSES && !isEmpty(record); pass++) {
      for (const digest of digestsOf(record)) {
        if (suppressed.has(digest)) continue;
        await deps.suppressions.add({
          emailDigest: digest,
          reason: 'erased',
          at: startedAt,
          origin: `erasure:${candidateId}`,
        });
        suppressed.add(digest);
      }
      // Before the decisions go: a webhook replaying one of these applications must find it erased.
      for (const key of applicationKeysOf(record)) await deps.erasures.markApplicationErased(key, candidateId);
      // After the suppression above: see `inFlight` for why this order leaves no window.
      held = merge(held, await inFlight(record));
      record = without(record, held);
      for (const raw of rawMessagesOf(record)) await deps.raw.delete(raw);
      const deleted = await deps.records.delete(record);
      erased = sum(erased, { ...deleted, rawMessages: rawMessagesOf(record).length });
      record = without(await readAll(candidateId), held);
    }
    if (!isEmpty(record)) {
      // Left `in-progress`: a repeat of the request carries on from here.
      throw new Error(`Candidate ${candidateId} still has items after ${MAX_PASSES} erasure passes; retry the request`);
    }

    const totals = {
      erased: sum(receipt.erased, erased),
      suppressedAddresses: receipt.suppressedAddresses + suppressed.size,
    };
    if (held.until !== undefined) {
      receipt = { ...receipt, ...totals, status: 'in-progress', retryAfter: held.until };
      await deps.erasures.save(receipt);
      deps.log.info('candidate erasure waits for a send under way', {
        candidateId,
        by,
        noticeIds: [...held.ids],
        retryAfter: held.until,
      });
      return { candidateId, erased, receipt };
    }
    // Built afresh above, so a `retryAfter` of an earlier run is not carried into the complete receipt.
    receipt = { ...receipt, ...totals, status: 'complete', completedAt: deps.clock.now().toISOString() };
    await deps.erasures.save(receipt);
    deps.log.info('candidate erased', { candidateId, by, ...erased, suppressedAddresses: suppressed.size });
    return { candidateId, erased, receipt };
  };

  /**
   * The notices a worker may be sending right now (`sending`, lease not yet over), read consistently rather
   * than trusted from the index. Left in place: deleting one would not stop its SES call, and the erasure
   * would report complete while an email could still go out. There is no window between the two sides,
   * because each writes before it reads: the erasure suppresses the address and then reads the notice here;
   * the sender claims the notice (`→ sending`) and then reads the suppression list. If the sender's read
   * missed the suppression, its claim came first, so this read sees `sending`; if this read saw the notice
   * unclaimed, the sender's later read finds the suppression and ends the notice `suppressed`.
   */
  async function inFlight(record: CandidateRecord): Promise<HeldNotices> {
    const now = deps.clock.now().toISOString();
    const ids = new Set<string>();
    let until: string | undefined;
    const hold = (item: { id: string; status: string; leaseUntil?: string } | undefined) => {
      if (item?.status !== 'sending' || item.leaseUntil === undefined || item.leaseUntil <= now) return;
      ids.add(item.id);
      if (until === undefined || item.leaseUntil > until) until = item.leaseUntil;
    };
    // A relay's sender claims it, then reads the erasure receipt (saved above, before this read): the same
    // write-then-read order as a notice's claim and the suppression list.
    for (const listed of record.notices) hold(await deps.notices.get(listed.id));
    for (const listed of record.relays) hold(await deps.relays.get(listed.id));
    return { ids, until };
  }

  /** The candidate's items plus the replies nobody matched that came from an address of theirs. */
  async function readAll(candidateId: string): Promise<CandidateRecord> {
    const record = await deps.records.read(candidateId);
    const digests = [...digestsOf(record)];
    const unmatched = digests.length === 0 ? [] : await deps.records.unmatchedRepliesFrom(digests);
    const known = new Set(record.replies.map((r) => r.id));
    const replies: Reply[] = [...record.replies, ...unmatched.filter((r) => !known.has(r.id))];
    return { ...record, replies };
  }
}

/** Notices and relays being sent under a live lease. */
interface HeldNotices {
  readonly ids: ReadonlySet<string>;
  /** When the last of their leases ends: the erasure can finish after this. */
  readonly until: string | undefined;
}

/** Notices and relays leave the record while held (their ids never collide: `n_` and `m_`). */
function without(record: CandidateRecord, held: HeldNotices): CandidateRecord {
  if (held.ids.size === 0) return record;
  return {
    ...record,
    notices: record.notices.filter((n) => !held.ids.has(n.id)),
    relays: record.relays.filter((r) => !held.ids.has(r.id)),
  };
}

function merge(a: HeldNotices, b: HeldNotices): HeldNotices {
  const until = a.until === undefined || (b.until !== undefined && b.until > a.until) ? b.until : a.until;
  return { ids: new Set([...a.ids, ...b.ids]), until };
}

type Counts = ErasedItems & { readonly rawMessages: number };

/** Adds two tallies; a receipt written before conversations has no relay counts (read as 0). */
function sum(a: Counts, b: Counts): Counts {
  const total = { ...a };
  for (const key of Object.keys(b) as (keyof Counts)[]) total[key] = (a[key] ?? 0) + b[key];
  return total;
}

/** The raw messages to delete: every reply's, and every recruiter answer's that a relay carried. */
function rawMessagesOf(record: CandidateRecord): RawMailLocation[] {
  return [
    ...record.replies.map((r) => r.raw),
    ...record.relays.flatMap((r) => (r.cause.kind === 'recruiter-mail' ? [r.cause.raw] : [])),
  ];
}

function isEmpty(record: CandidateRecord): boolean {
  return (
    record.decisions.length +
      record.notices.length +
      record.replies.length +
      record.flags.length +
      record.relays.length +
      record.relayThreads.length +
      record.recruiterTokens.length ===
    0
  );
}

/** Every address the candidate's data names, as digests: a resend to a corrected address adds one. */
function digestsOf(record: CandidateRecord): Set<string> {
  const digests = new Set<string>();
  for (const d of record.decisions) digests.add(d.emailDigest);
  for (const n of record.notices) digests.add(n.emailDigest);
  for (const r of record.replies) {
    if (r.fromDigest !== undefined && r.correlation.senderMatchesCandidate !== false) digests.add(r.fromDigest);
  }
  return digests;
}

/** The applications the candidate's decisions and notices name, as digests. */
function applicationKeysOf(record: CandidateRecord): Set<string> {
  return new Set(
    [...record.decisions, ...record.notices].map((item) => applicationKeyOf(item.source, item.applicationId)),
  );
}
