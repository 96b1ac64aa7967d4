import type { FlagName } from './candidate-flag.ts';
import { deterministicId } from './ids.ts';
import type { RawMailLocation } from './reply.ts';

/**
 * One email Closeloop sends inside a conversation after the rejection (docs/conversations.md):
 *  - `to-recruiter`  a candidate's turn, relayed to the owning recruiter's inbox with Closeloop's reading
 *  - `to-candidate`  a recruiter's answer (from their mail client or the dashboard), relayed to the candidate
 */
export const RELAY_DIRECTIONS = ['to-recruiter', 'to-candidate'] as const;
export type RelayDirection = (typeof RELAY_DIRECTIONS)[number];

/**
 * pending → sending → sent → delivered | bounced | complained, plus deferred (a transient failure waiting for
 * `nextAttemptAt`), failed, suppressed (the recipient is on the suppression list) and skipped (the thread was
 * paused, the candidate erased, or the policy withheld it). Every move is a conditional write on the expected status.
 */
export const RELAY_STATUSES = [
  'pending',
  'sending',
  'deferred',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'suppressed',
  'skipped',
] as const;
export type RelayStatus = (typeof RELAY_STATUSES)[number];

/** Relays still to be sent: the sweep's backstop re-enqueues those that are due. */
export const OPEN_RELAY_STATUSES: readonly RelayStatus[] = ['pending', 'sending', 'deferred'];

/** What caused a relay; its id derives from it, so processing the cause twice creates one relay. */
export type RelayCause =
  | { readonly kind: 'candidate-reply'; readonly replyId: string }
  | { readonly kind: 'recruiter-mail'; readonly messageDigest: string; readonly raw: RawMailLocation }
  | { readonly kind: 'dashboard'; readonly actor: string; readonly idempotencyKey: string }
  /** The owner is told once that the thread reached its hourly cap and is paused. */
  | { readonly kind: 'thread-paused'; readonly noticeId: string; readonly windowStart: string };

/** Closeloop's reading of a candidate's turn, shown to the recruiter only (never to the candidate). */
export interface RelayBanner {
  readonly flags: readonly FlagName[];
  /** The sentence that raised the most serious flag, as the candidate wrote it. */
  readonly evidence?: string;
  readonly sentiment?: string;
  /** The candidate's page in the dashboard. */
  readonly candidateUrl: string;
  /** `summary`: the turn was hostile and its text is withheld (CLOSELOOP_HOSTILE_RELAY). */
  readonly withheld?: boolean;
  /** Attachments the candidate sent: names and sizes, read in the dashboard (never forwarded). */
  readonly attachments?: readonly { readonly filename: string; readonly sizeBytes: number }[];
}

export interface RelayHistoryEntry {
  readonly at: string;
  readonly status: RelayStatus;
  readonly detail: string;
}

export interface Relay {
  /** `m_` + a digest of the cause. */
  readonly id: string;
  readonly direction: RelayDirection;
  readonly noticeId: string;
  readonly candidateId: string;
  readonly cause: RelayCause;
  readonly status: RelayStatus;
  /** Recipient address (personal data): the owner's inbox or the candidate's address. */
  readonly to: string;
  /** The From header: a display name and an address we own. */
  readonly from: string;
  readonly replyTo: string;
  readonly subject: string;
  /** What is relayed: the candidate's words, or the recruiter's words without our banner and quotes. */
  readonly text: string;
  readonly banner?: RelayBanner;
  /** Message-IDs this relay answers, for `In-Reply-To` and `References` (oldest first, capped). */
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  readonly attempts: number;
  readonly leaseUntil?: string;
  readonly nextAttemptAt?: string;
  readonly sesMessageId?: string;
  readonly failureReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly RelayHistoryEntry[];
  /** Personal data is deleted after this instant (DynamoDB TTL). */
  readonly retainUntil: string;
}

/** How a bridge-burned turn reaches the recruiter (`CLOSELOOP_HOSTILE_RELAY`). */
export const HOSTILE_RELAY_POLICIES = ['full', 'summary', 'none'] as const;
export type HostileRelayPolicy = (typeof HOSTILE_RELAY_POLICIES)[number];

/** Marks every relay we send; inbound mail carrying it is our own, and is never relayed again. */
export const RELAY_LOOP_HEADER = 'x-closeloop-relay';

/** The recruiter side's local part: `recruiter+<token>@<reply domain>`. */
export const RECRUITER_ADDRESS_PREFIX = 'recruiter+';

/** A relay's id derives from its cause: the same cause processed twice is one relay. */
export function relayIdFor(cause: RelayCause): string {
  switch (cause.kind) {
    case 'candidate-reply':
      return deterministicId('m', 'candidate-reply', cause.replyId);
    case 'recruiter-mail':
      return deterministicId('m', 'recruiter-mail', cause.messageDigest);
    case 'dashboard':
      return deterministicId('m', 'dashboard', cause.actor, cause.idempotencyKey);
    case 'thread-paused':
      // Per thread and window: two threads paused in the same hour are two relays.
      return deterministicId('m', 'thread-paused', cause.noticeId, cause.windowStart);
  }
}
