import { decisionKeyOf } from '#core/domain/decision.ts';
import { emailDigest } from '#core/domain/email-address.ts';
import type { Notice, NoticeEvent } from '#core/domain/notice.ts';
import { stripKeys } from './document-client.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

/**
 * How a notice is laid out in its item, kept small: every notice write costs one write unit per KB of the item
 * (before or after, the larger), and a notice is written five times on its way to `delivered`. So the item does
 * not repeat what its keys already say, and its history is stored compactly. Decoding gives back exactly the
 * notice that was encoded; items written before this layout (every attribute present, history as maps) decode as
 * they are.
 *
 *  - `id`, `candidateId`, `createdAt` and `decidedAt` are read from `pk`, `candidateKey`, `timelineKey` and
 *    `periodAt`, which are built from them and never change (`decidedAt: null` marks a notice without one);
 *  - `emailDigest` and `decisionKey` from the candidate's address and the source and application they digest,
 *    when that gives them back (114 bytes, which keep the `delivered` write under 1 KB);
 *  - `retainUntil` from `expiresAt` when that gives it back to the millisecond; `updatedAt` from the last history
 *    entry, which every update appends with the same instant (the update then removes a stored `updatedAt`);
 *    `feedbackOffered` only when true;
 *  - each history entry is one string, `<at>|<status>|<event>|<detail>` (see `encodeEvent`), its instant in
 *    base 36.
 */

/** Attributes that exist for storage only (keys, index keys, bookkeeping): not part of the notice. */
const STORAGE_KEYS = [
  'pk',
  'sk',
  'entity',
  'candidateKey',
  'timelineKey',
  'dueShard',
  'dueAt',
  'periodKey',
  'periodAt',
  'statusKey',
  'ownerKey',
  'trackedEvents',
  TTL_ATTRIBUTE,
] as const;

/** The attributes `encodeNotice` leaves out because the keys or the history give them back. */
const DERIVED = ['id', 'candidateId', 'createdAt', 'decidedAt', 'updatedAt', 'retainUntil'] as const;

/**
 * Stored for the details every notice's timeline repeats. Entries are only ever added: an item stores the code,
 * and decoding must give back the text it stood for when it was written.
 */
const COMMON_DETAILS: readonly string[] = [
  'Attempt 1',
  'Accepted by the mail service',
  "Delivered to the candidate's mail server",
  'The mail service accepted the message',
  'Opened',
];
const CODE = '~';
const SEPARATOR = '|';

type Item = Record<string, unknown>;

/** The notice's own attributes for its item, without what its keys (written beside them) already hold. */
export function encodeNotice(notice: Notice, expiresAt: number): Item {
  const item: Item = { ...notice, history: notice.history.map(encodeEvent) };
  for (const attribute of DERIVED) delete item[attribute];
  const last = notice.history.at(-1);
  if (last?.at !== notice.updatedAt) item.updatedAt = notice.updatedAt;
  if (isoOfEpoch(expiresAt) !== notice.retainUntil) item.retainUntil = notice.retainUntil;
  if (derivedDigest(notice) === notice.emailDigest) delete item.emailDigest;
  if (derivedDecisionKey(notice) === notice.decisionKey) delete item.decisionKey;
  // `periodAt` falls back to `createdAt` for a notice without one: null says there is none to read from it.
  if (notice.decidedAt === undefined) item.decidedAt = null;
  if (!notice.feedbackOffered) delete item.feedbackOffered;
  return item;
}

/** The notice an item holds, in either layout. */
export function noticeFromItem(item: Item): Notice {
  const history = Array.isArray(item.history) ? item.history.map(decodeEvent) : [];
  const keyed = {
    id: String(item.pk).slice('NOTICE#'.length),
    candidateId: String(item.candidateKey).slice('CAND#'.length),
    // `NOTICE#<createdAt>#<id>`: an ISO instant holds no `#`.
    createdAt: String(item.timelineKey).split('#')[1] ?? '',
    ...(typeof item.periodAt === 'string' && item.decidedAt !== null
      ? { decidedAt: item.periodAt.split('#')[0] ?? '' }
      : {}),
    updatedAt: history.at(-1)?.at ?? '',
    feedbackOffered: false,
    ...(typeof item[TTL_ATTRIBUTE] === 'number' ? { retainUntil: isoOfEpoch(item[TTL_ATTRIBUTE]) } : {}),
    ...derivedIdentity(item),
  };
  const stored = Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined && value !== null));
  return { ...keyed, ...stripKeys<Notice>(stored, STORAGE_KEYS), history };
}

/**
 * `<at>|<status>|<event>|<detail>`, the instant as epoch milliseconds in base 36 when it round-trips, the detail a `~<n>` code when it is one of `COMMON_DETAILS`, left out (three
 * fields) when the event has none. An entry this cannot say exactly (no event or an empty one, a `|` in the first
 * three fields, a detail that starts with `~`) stays a map.
 */
export function encodeEvent(event: NoticeEvent): NoticeEvent | string {
  if (event.event === undefined || event.event === '' || event.detail?.startsWith(CODE)) return event;
  const head = [compactInstant(event.at), event.status, event.event];
  if (head.some((field) => field.includes(SEPARATOR))) return event;
  if (event.detail === undefined) return head.join(SEPARATOR);
  const code = COMMON_DETAILS.indexOf(event.detail);
  return [...head, code === -1 ? event.detail : `${CODE}${code}`].join(SEPARATOR);
}

function decodeEvent(entry: unknown): NoticeEvent {
  if (typeof entry !== 'string') return entry as NoticeEvent;
  const [at = '', status = '', event = '', ...rest] = entry.split(SEPARATOR);
  const base = { at: instantOf(at), status: status as NoticeEvent['status'], event };
  if (rest.length === 0) return base;
  const detail = rest.join(SEPARATOR);
  const common = detail.startsWith(CODE) ? COMMON_DETAILS[Number(detail.slice(CODE.length))] : undefined;
  return { ...base, detail: common ?? detail };
}

/** An instant as `toISOString` writes it becomes its epoch milliseconds in base 36 (24 bytes to 8); others stay. */
function compactInstant(at: string): string {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && ms >= 0 && new Date(ms).toISOString() === at ? ms.toString(36) : at;
}

/** An ISO instant always holds `-` and `:`, a base-36 one never does. */
function instantOf(stored: string): string {
  return /^[0-9a-z]+$/.test(stored) ? new Date(Number.parseInt(stored, 36)).toISOString() : stored;
}

function derivedDigest(notice: Pick<Notice, 'candidate'>): string {
  return emailDigest(notice.candidate.email);
}

/** A notice is only ever planned for a rejection: its decision's key digests source, application and that. */
function derivedDecisionKey(notice: Pick<Notice, 'source' | 'applicationId'>): string {
  return decisionKeyOf(notice.source, notice.applicationId, 'rejected');
}

/** What `encodeNotice` left out because it derives from the item; a stored value (older layout) wins over it. */
function derivedIdentity(item: Item): Pick<Notice, 'emailDigest' | 'decisionKey'> | Record<string, never> {
  const candidate = item.candidate as { email?: unknown } | undefined;
  if (typeof candidate?.email !== 'string' || typeof item.source !== 'string') return {};
  if (typeof item.applicationId !== 'string') return {};
  return {
    emailDigest: emailDigest(candidate.email),
    decisionKey: decisionKeyOf(item.source, item.applicationId, 'rejected'),
  };
}

function isoOfEpoch(seconds: unknown): string {
  return new Date(Number(seconds) * 1000).toISOString();
}
