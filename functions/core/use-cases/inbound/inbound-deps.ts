import type { FlagName } from '../../domain/candidate-flag.ts';
import type { Notice } from '../../domain/notice.ts';
import { ownerOf } from '../../domain/owner.ts';
import type { HostileRelayPolicy } from '../../domain/relay.ts';
import { candidateUrlFor } from '../../domain/relay-email.ts';
import type { Correlation, RawMailLocation, Reply } from '../../domain/reply.ts';
import type { CandidateRecords } from '../../ports/candidate-records.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ErasureLog } from '../../ports/erasure-log.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import type { FlagRepository } from '../../ports/flag-repository.ts';
import type { InboundMailParser, ParsedMail } from '../../ports/inbound-mail-parser.ts';
import type { Log } from '../../ports/log.ts';
import type { NoticeLookup } from '../../ports/notice-lookup.ts';
import type { NoticeRepository } from '../../ports/notice-repository.ts';
import type { RawMailStore } from '../../ports/raw-mail-store.ts';
import type { RecruiterNotifier } from '../../ports/recruiter-notifier.ts';
import type { RelayRepository } from '../../ports/relay-repository.ts';
import type { ReplyClassifier } from '../../ports/reply-classifier.ts';
import type { ReplyRepository } from '../../ports/reply-repository.ts';
import type { StartRelay } from '../start-relay.ts';

/** How turns are relayed (docs/conversations.md). */
export interface RelaySettings {
  /** The relay address on the sending domain: From of relays to the recruiter (`CLOSELOOP_RELAY_FROM`). */
  readonly relayFrom: string;
  /** The verified sender (`Name <address>`): its address is the From of follow-ups to the candidate. */
  readonly senderFrom: string;
  /** The owner's inbox when the notice names none (`CLOSELOOP_DEFAULT_RECRUITER_INBOX`). */
  readonly defaultRecruiterInbox: string;
  /** Relays per thread per hour (`CLOSELOOP_RELAY_HOURLY_CAP`). */
  readonly hourlyCap: number;
  readonly hostileRelay: HostileRelayPolicy;
  /** The dashboard's base URL: a candidate's page is `<dashboardUrl>/#/candidates/<id>`; absent: no link. */
  readonly dashboardUrl?: string;
  /** Where SES sends from: the Message-ID of an email SES sent names it (`sesMessageIdHeader`). */
  readonly sesRegion?: string;
}

export interface ProcessInboundMailDeps {
  readonly raw: RawMailStore;
  readonly parser: InboundMailParser;
  readonly lookup: NoticeLookup;
  /** Keeps the first human reply's sentiment on the notice (stats); reads a recruiter-side thread's notice. */
  readonly notices: Pick<NoticeRepository, 'noteFirstReply' | 'get'>;
  readonly replies: ReplyRepository;
  readonly flags: FlagRepository;
  /** The candidate's erasure receipt, read consistently: a reply racing an erasure must not outlive it. */
  readonly erasures: Pick<ErasureLog, 'get'>;
  /** Deletes what this reply wrote when its candidate turns out to be erased. */
  readonly records: Pick<CandidateRecords, 'delete'>;
  readonly classifier: ReplyClassifier;
  readonly notifier: RecruiterNotifier;
  readonly events: EventPublisher;
  readonly relays: Pick<
    RelayRepository,
    'get' | 'listByNotice' | 'recruiterTokenFor' | 'byRecruiterToken' | 'countInWindow' | 'transition'
  >;
  readonly startRelay: StartRelay;
  readonly relay: RelaySettings;
  readonly clock: Clock;
  readonly log: Log;
  /** Reply-To addresses are `reply+<token>@` and `recruiter+<token>@` this domain. */
  readonly replyDomain: string;
  readonly retentionDays: number;
  /** The text of the email a notice sent (subject and body), to cut it out of replies that quote it. */
  readonly sentTextOf: (notice: Notice) => readonly string[];
  readonly maxBytes?: number;
}

export interface ProcessedReply {
  /** The reply recorded, or the relay created for a recruiter's answer (`relayed`). */
  readonly replyId: string;
  /**
   * `erased`: the candidate's data is being or was erased; nothing of this message was kept. `relayed`: a
   * recruiter's answer, relayed to the candidate (no reply is recorded for it).
   */
  readonly status: Reply['status'] | 'missing' | 'erased' | 'relayed';
  /** True when this message had been processed before: nothing was written or raised again. */
  readonly duplicate: boolean;
  readonly correlation?: Correlation;
  readonly flags: readonly FlagName[];
  /** The relay this message caused, if any. */
  readonly relayId?: string;
}

/** One inbound message, read and parsed, with the keys derived from it. */
export interface InboundMessage {
  readonly mail: ParsedMail;
  readonly location: RawMailLocation;
  readonly receivedAt: string;
  readonly sizeBytes: number;
  /** `r_` + a digest of the Message-ID (of the bytes without one): the same message twice is one reply. */
  readonly replyId: string;
  /** The digest a recruiter's answer's relay id derives from. */
  readonly messageDigest: string;
}

export function retainUntil(from: string, retentionDays: number): string {
  return new Date(new Date(from).getTime() + retentionDays * 86_400_000).toISOString();
}

/** The owning recruiter's inbox: `ownerOf`, the one rule. */
export function ownerInbox(notice: Notice, defaultInbox: string): string {
  return ownerOf(notice, defaultInbox).email;
}

/** The candidate's page, or '' without a dashboard URL (the email then says "see the dashboard"). */
export function candidateUrl(dashboardUrl: string | undefined, candidateId: string): string {
  return dashboardUrl === undefined ? '' : candidateUrlFor(dashboardUrl, candidateId);
}
