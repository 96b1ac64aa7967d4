import type { AppConfig } from '#config/app-config.ts';
import { domainOf } from '#core/domain/email-address.ts';
import { emailVariables } from '#core/domain/email-variables.ts';
import { definedFields } from '#core/domain/optional.ts';
import { businessHoursPolicy, type HolidayCalendar, type SendPolicy } from '#core/domain/send-policy.ts';
import { ruleBasedSelector, type TemplateSelectionRules } from '#core/domain/template-selection.ts';
import type { AttachmentExtractor } from '#core/ports/attachment-extractor.ts';
import type { CandidateRecords } from '#core/ports/candidate-records.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { DecisionRepository } from '#core/ports/decision-repository.ts';
import type { DeliveryLog } from '#core/ports/delivery-log.ts';
import type { ErasureLog } from '#core/ports/erasure-log.ts';
import type { EventPublisher } from '#core/ports/event-publisher.ts';
import type { FlagRepository } from '#core/ports/flag-repository.ts';
import type { Log } from '#core/ports/log.ts';
import type { LoopRecordSource } from '#core/ports/loop-record-source.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import type { NoticeRepository } from '#core/ports/notice-repository.ts';
import type { RawMailStore } from '#core/ports/raw-mail-store.ts';
import type { RelayQueue } from '#core/ports/relay-queue.ts';
import type { RelayRepository } from '#core/ports/relay-repository.ts';
import type { ReplyRepository } from '#core/ports/reply-repository.ts';
import type { ReputationLedger } from '#core/ports/reputation-ledger.ts';
import type { SendQueue } from '#core/ports/send-queue.ts';
import type { SendingControl } from '#core/ports/sending-control.ts';
import type { SuppressionRepository } from '#core/ports/suppression-repository.ts';
import type { TemplateRenderer } from '#core/ports/template-renderer.ts';
import { makeCancelNotice } from '#core/use-cases/cancel-notice.ts';
import { makeChangeOwner } from '#core/use-cases/change-owner.ts';
import { makeEraseCandidate } from '#core/use-cases/erase-candidate.ts';
import { makeGetCandidateTimeline } from '#core/use-cases/get-candidate-timeline.ts';
import { makeGetLoopStats } from '#core/use-cases/get-loop-stats.ts';
import { makeGetNotice } from '#core/use-cases/get-notice.ts';
import { makeGetReplyAttachment } from '#core/use-cases/get-reply-attachment.ts';
import { makeGuardReputation } from '#core/use-cases/guard-reputation.ts';
import type { RelaySettings } from '#core/use-cases/inbound/inbound-deps.ts';
import { makeListFlaggedCandidates } from '#core/use-cases/list-flagged-candidates.ts';
import { makeManageSending } from '#core/use-cases/manage-sending.ts';
import { makeManageSuppressions } from '#core/use-cases/manage-suppressions.ts';
import { makeMarkFlagAnswered } from '#core/use-cases/mark-flag-answered.ts';
import { makePreviewNotice, noticeEmailRenderer } from '#core/use-cases/preview-notice.ts';
import { makeTemplatePreviews } from '#core/use-cases/preview-template.ts';
import { makeProcessInboundMail, type ProcessInboundMailDeps } from '#core/use-cases/process-inbound-mail.ts';
import { makeReceiveAtsEvent } from '#core/use-cases/receive-ats-event.ts';
import { makeRecordDecisions } from '#core/use-cases/record-decisions.ts';
import { makeResendNotice } from '#core/use-cases/resend-notice.ts';
import { makeDismissUnmatchedReply, makeLinkUnmatchedReply } from '#core/use-cases/resolve-unmatched-reply.ts';
import { makeReviewFlag } from '#core/use-cases/review-flag.ts';
import { makeSendFollowUp } from '#core/use-cases/send-follow-up.ts';
import { makeSendNotice } from '#core/use-cases/send-notice.ts';
import { makeSendRelay } from '#core/use-cases/send-relay.ts';
import { makeStartRelay } from '#core/use-cases/start-relay.ts';
import { makeSweepDueNotices } from '#core/use-cases/sweep-due-notices.ts';
import { makeTrackDelivery } from '#core/use-cases/track-delivery.ts';
import { makeTrackRelay } from '#core/use-cases/track-relay.ts';
import { sampleNotice } from '#templates/samples/sample-notices.ts';

export interface Ports {
  readonly decisions: DecisionRepository;
  readonly notices: NoticeRepository;
  readonly suppressions: SuppressionRepository;
  /** The sending switch the reputation guard and operators flip. */
  readonly control: SendingControl;
  /** Rolling send, bounce and complaint counts. */
  readonly ledger: ReputationLedger;
  /**
   * Where the send use case counts its sends, when the host writes them once per batch (a BufferedReputationLedger
   * it flushes); by default `ledger`.
   */
  readonly sendLedger?: ReputationLedger;
  readonly mailer: Mailer;
  readonly events: EventPublisher;
  readonly queue: SendQueue;
  readonly renderer: TemplateRenderer;
  readonly clock: Clock;
  readonly log: Log;
  readonly random: () => number;
  /**
   * Public holidays for the send policy. Optional: the send and track functions place retries inside the
   * sending window on sending days without it, and stay free of the holiday data (≈ 1.5 MB).
   */
  readonly holidays?: HolidayCalendar;
  /** Erased candidates and applications: recording a decision for one records nothing. */
  readonly erasures: Pick<ErasureLog, 'get' | 'erasedApplication'>;
}

export { selectionRules } from '#config/template-selection.ts';

type Needs<K extends keyof Ports> = Pick<Ports, K>;

/** One send policy for every use case that plans a send time; the calendar caches each year it computes. */
export function sendPolicyFrom(config: AppConfig, holidays: HolidayCalendar | undefined): SendPolicy {
  return businessHoursPolicy({ ...config.sendPolicy, ...definedFields({ holidays }) });
}

/**
 * The one place use cases are wired to ports. Each factory asks only for the ports its use case needs, so a
 * Lambda bundle holds only the SDK clients its handler uses; `buildUseCases` wires them all (local stack).
 */
export function recordDecisionsFrom(
  ports: Needs<'decisions' | 'notices' | 'events' | 'clock' | 'log' | 'holidays' | 'erasures'>,
  config: AppConfig,
  templates: TemplateSelectionRules,
) {
  return makeRecordDecisions({
    ...ports,
    policy: sendPolicyFrom(config, ports.holidays),
    templates: ruleBasedSelector(templates),
    retentionDays: config.retentionDays,
  });
}

/** The ATS webhooks' use case: it records and cancels through the same use cases as the recruiter API. */
export function receiveAtsEventFrom(
  ports: Needs<'decisions' | 'notices' | 'events' | 'clock' | 'log' | 'holidays' | 'erasures'> & {
    readonly deliveries: DeliveryLog;
  },
  config: AppConfig,
  templates: TemplateSelectionRules,
  options: { readonly deliveryRetentionDays: number },
) {
  return makeReceiveAtsEvent({
    ...ports,
    recordDecisions: recordDecisionsFrom(ports, config, templates),
    cancelNotice: makeCancelNotice(ports),
    policy: sendPolicyFrom(config, ports.holidays),
    deliveryRetentionDays: options.deliveryRetentionDays,
  });
}

/** How long after a relay fell due the sweep enqueues it again: its own message normally sends it well before. */
const RELAY_BACKSTOP_GRACE_MS = 60_000;

export function sweepFrom(
  ports: Needs<'notices' | 'queue' | 'control' | 'clock' | 'log'> & {
    /** With both, the sweep is also the relays' backstop (a lost queue message is not a lost relay). */
    readonly relays?: Pick<RelayRepository, 'findDue'>;
    readonly relayQueue?: RelayQueue;
  },
  config: AppConfig,
) {
  const { relays, relayQueue } = ports;
  return makeSweepDueNotices({
    ...ports,
    pageSize: 100,
    maxPages: 50,
    maxPerRun: config.sweepLimit,
    queueLeaseMs: config.queueLeaseMs,
    ...(relays === undefined || relayQueue === undefined
      ? {}
      : { relayBackstop: { relays, queue: relayQueue, graceMs: RELAY_BACKSTOP_GRACE_MS, limit: 100 } }),
  });
}

/** The relays' own ports, apart from `Ports` so the notices' composition does not change. */
export interface RelayPorts {
  readonly relays: RelayRepository;
  readonly erasures: Pick<ErasureLog, 'get'>;
}

/** Sends one relay (the send function, beside `sendNoticeFrom`): From only on the sender's domain. */
export function sendRelayFrom(
  ports: Needs<'suppressions' | 'control' | 'ledger' | 'mailer' | 'clock' | 'log' | 'random'> & RelayPorts,
  config: AppConfig,
) {
  return makeSendRelay({
    ...ports,
    ownDomains: [domainOf(config.relay.fromAddress)],
    retry: config.retry,
    sendLeaseMs: config.sendLeaseMs,
  });
}

/** SES reports about relays (the track function, beside `trackDeliveryFrom`). */
export function trackRelayFrom(
  ports: Needs<'suppressions' | 'control' | 'ledger' | 'events' | 'clock' | 'log'> & Pick<RelayPorts, 'relays'>,
  config: AppConfig,
) {
  return makeTrackRelay({
    ...ports,
    guardReputation: makeGuardReputation({ ...ports, ceiling: config.reputationCeiling }),
  });
}

export function sendNoticeFrom(
  ports: Needs<
    'notices' | 'suppressions' | 'control' | 'ledger' | 'mailer' | 'renderer' | 'clock' | 'log' | 'random' | 'holidays'
  >,
  config: AppConfig,
) {
  return makeSendNotice({
    ...ports,
    policy: sendPolicyFrom(config, ports.holidays),
    sender: config.sender,
    branding: config.branding,
    retry: config.retry,
    sendLeaseMs: config.sendLeaseMs,
  });
}

export function trackDeliveryFrom(
  ports: Needs<'notices' | 'suppressions' | 'control' | 'ledger' | 'events' | 'clock' | 'log' | 'random' | 'holidays'>,
  config: AppConfig,
) {
  return makeTrackDelivery({
    ...ports,
    guardReputation: makeGuardReputation({ ...ports, ceiling: config.reputationCeiling }),
    policy: sendPolicyFrom(config, ports.holidays),
    retry: config.retry,
    trackOpensAndClicks: config.trackOpensAndClicks,
  });
}

export function resendNoticeFrom(
  ports: Needs<'notices' | 'suppressions' | 'clock' | 'log' | 'holidays'>,
  config: AppConfig,
) {
  return makeResendNotice({ ...ports, policy: sendPolicyFrom(config, ports.holidays) });
}

export function manageSendingFrom(ports: Needs<'control' | 'ledger' | 'events' | 'clock' | 'log'>, config: AppConfig) {
  return makeManageSending({ ...ports, ceiling: config.reputationCeiling });
}

/** The suppression list as recruiters manage it (`/suppressions`). */
export function manageSuppressionsFrom(ports: Needs<'suppressions' | 'clock' | 'log'>) {
  return makeManageSuppressions(ports);
}

/** Renders a notice's email without sending it (the recruiter API's preview). */
export function previewNoticeFrom(ports: Needs<'notices' | 'renderer'>, config: AppConfig) {
  return makePreviewNotice({ ...ports, branding: config.branding });
}

/** Any template × locale rendered with the gallery's sample people and the deployment's branding. */
export function templatePreviewsFrom(
  renderer: TemplateRenderer & { available(): Readonly<Record<string, readonly string[]>> },
  config: AppConfig,
) {
  return makeTemplatePreviews({ renderer, available: renderer.available(), sampleNotice, branding: config.branding });
}

export function buildUseCases(ports: Ports, config: AppConfig, templates: TemplateSelectionRules) {
  return {
    recordDecisions: recordDecisionsFrom(ports, config, templates),
    sweep: sweepFrom(ports, config),
    sendNotice: sendNoticeFrom({ ...ports, ledger: ports.sendLedger ?? ports.ledger }, config),
    getNotice: makeGetNotice(ports),
    cancelNotice: makeCancelNotice(ports),
    changeOwner: makeChangeOwner(ports),
    resendNotice: resendNoticeFrom(ports, config),
    trackDelivery: trackDeliveryFrom(ports, config),
    manageSending: manageSendingFrom(ports, config),
    previewNotice: previewNoticeFrom(ports, config),
  };
}

export type UseCases = ReturnType<typeof buildUseCases>;

/**
 * The reply flow's ports: the use case's dependencies less what the composition derives from configuration,
 * plus the renderer that gives the text of the email a reply quotes.
 */
export type ReplyPorts = Omit<
  ProcessInboundMailDeps,
  'replyDomain' | 'retentionDays' | 'sentTextOf' | 'maxBytes' | 'startRelay' | 'relay' | 'relays'
> & {
  readonly renderer: TemplateRenderer;
  readonly relays: RelayRepository;
  /** Relays are created by the reply flow and handed to the send queue (start-relay). */
  readonly relayQueue: RelayQueue;
};

/** How turns are relayed, from the configuration (the reply flow and the dashboard's follow-ups share it). */
function relaySettingsFrom(config: AppConfig): RelaySettings {
  return {
    relayFrom: config.relay.fromAddress,
    senderFrom: config.sender.from,
    defaultRecruiterInbox: config.defaultRecruiterInbox,
    hourlyCap: config.relay.hourlyCap,
    hostileRelay: config.relay.hostilePolicy,
    ...definedFields({ dashboardUrl: config.relay.dashboardUrl, sesRegion: config.relay.sesRegion }),
  };
}

export function processInboundMailFrom(ports: ReplyPorts, config: AppConfig, options: { maxBytes?: number } = {}) {
  return makeProcessInboundMail(inboundDepsFrom(ports, config, options));
}

/** Linking (read as if matched, then flags and the relay, as the inbound path) and dismissing unmatched replies. */
export function unmatchedReplyActionsFrom(ports: ReplyPorts, config: AppConfig) {
  const deps = inboundDepsFrom(ports, config, {});
  return { linkUnmatchedReply: makeLinkUnmatchedReply(deps), dismissUnmatchedReply: makeDismissUnmatchedReply(deps) };
}

function inboundDepsFrom(ports: ReplyPorts, config: AppConfig, options: { maxBytes?: number }): ProcessInboundMailDeps {
  return {
    ...ports,
    ...options,
    startRelay: makeStartRelay({ relays: ports.relays, queue: ports.relayQueue, log: ports.log }),
    relay: relaySettingsFrom(config),
    replyDomain: config.sender.replyDomain,
    retentionDays: config.retentionDays,
    // The exact email a notice sent, rendered again from its recorded template and values.
    sentTextOf: (notice) => {
      const email = ports.renderer.render(notice.templateId, notice.locale, emailVariables(notice, config.branding));
      return [email.subject, email.text];
    },
  };
}

export function reviewFlagFrom(ports: Pick<ReplyPorts, 'flags' | 'events' | 'clock' | 'log'>) {
  return makeReviewFlag(ports);
}

/** The recruiter views and erasure (`/candidates`, `/stats`): their own ports, read mostly. */
export interface RecruiterPorts {
  readonly records: CandidateRecords;
  readonly erasures: ErasureLog;
  readonly loopRecord: LoopRecordSource;
  readonly flags: FlagRepository;
  readonly notices: Pick<NoticeRepository, 'get'>;
  /** Erasure holds a relay being sent, as it holds a notice. */
  readonly relays: Pick<RelayRepository, 'get'>;
  /** A flagged candidate's card shows the reply that raised the flag. */
  readonly replies: Pick<ReplyRepository, 'get'>;
  readonly suppressions: SuppressionRepository;
  readonly raw: RawMailStore;
  readonly renderer: TemplateRenderer;
  readonly clock: Clock;
  readonly log: Log;
}

export function recruiterUseCasesFrom(ports: RecruiterPorts, config: AppConfig) {
  return {
    listFlaggedCandidates: makeListFlaggedCandidates(ports),
    // The timeline shows each notice's email rendered as the send renders it (the preview use case's renderer).
    getCandidateTimeline: makeGetCandidateTimeline({
      ...ports,
      renderEmail: noticeEmailRenderer({ renderer: ports.renderer, branding: config.branding }),
    }),
    eraseCandidate: makeEraseCandidate(ports),
  };
}

export function loopStatsFrom(ports: Pick<RecruiterPorts, 'loopRecord' | 'clock'>) {
  return makeGetLoopStats({ source: ports.loopRecord, clock: ports.clock });
}

/** The recruiter's side of a thread from the dashboard: its ports are the recruiter views' plus the relays'. */
export interface ConversationPorts extends Pick<RecruiterPorts, 'records' | 'erasures' | 'flags' | 'suppressions'> {
  readonly notices: Pick<NoticeRepository, 'get'>;
  readonly relays: Pick<RelayRepository, 'create' | 'delete' | 'countInWindow' | 'recruiterTokenFor'>;
  readonly relayQueue: RelayQueue;
  readonly renderer: TemplateRenderer;
  readonly clock: Clock;
  readonly log: Log;
}

/** A follow-up threads on SES's Message-IDs (`<id@<region>.amazonses.com>`): the region is `config.relay.sesRegion`. */
export function conversationUseCasesFrom(ports: ConversationPorts, config: AppConfig) {
  const sesRegion = config.relay.sesRegion;
  const defaultSenderName =
    config.branding.defaultRecruiter?.name ?? /^\s*"?([^"<]*?)"?\s*</.exec(config.sender.from)?.[1];
  return {
    sendFollowUp: makeSendFollowUp({
      ...ports,
      renderEmail: noticeEmailRenderer({ renderer: ports.renderer, branding: config.branding }),
      startRelay: makeStartRelay({ relays: ports.relays, queue: ports.relayQueue, log: ports.log }),
      relay: relaySettingsFrom(config),
      senderFrom: config.sender.from,
      replyDomain: config.sender.replyDomain,
      retentionDays: config.retentionDays,
      ...definedFields({ sesRegion }),
      ...(defaultSenderName ? { defaultSenderName } : {}),
    }),
    markFlagAnswered: makeMarkFlagAnswered(ports),
  };
}

/** A candidate's attachment, read again from the raw message they sent. */
export function replyAttachmentsFrom(ports: {
  readonly replies: Pick<ReplyRepository, 'get'>;
  readonly raw: Pick<RawMailStore, 'read'>;
  readonly extractor: AttachmentExtractor;
  readonly log: Log;
}) {
  return { getReplyAttachment: makeGetReplyAttachment(ports) };
}
