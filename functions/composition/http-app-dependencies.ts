import { LeverHttpApi } from '#adapters/lever/lever-http-api.ts';
import { MailparserAttachmentExtractor } from '#adapters/mime/mailparser-attachment-extractor.ts';
import { workableApiFor } from '#adapters/workable/workable-http-api.ts';
import type { AppConfig } from '#config/app-config.ts';
import { selectionRules } from '#config/template-selection.ts';
import type { WebhookSettings } from '#config/webhook-config.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { CallerEmails } from '#core/ports/caller-emails.ts';
import type { DeliveryLog } from '#core/ports/delivery-log.ts';
import type { IntakeMeter } from '#core/ports/intake-meter.ts';
import type { NoticeListing } from '#core/ports/notice-listing.ts';
import type { NoticeLookup } from '#core/ports/notice-lookup.ts';
import type { RelayQueue } from '#core/ports/relay-queue.ts';
import type { RelayRepository } from '#core/ports/relay-repository.ts';
import type { ReplyLinkQueue } from '#core/ports/reply-link-queue.ts';
import type { ReplyRepository } from '#core/ports/reply-repository.ts';
import type { SecretStore } from '#core/ports/secret-store.ts';
import { makeCancelNotice } from '#core/use-cases/cancel-notice.ts';
import { makeChangeOwner } from '#core/use-cases/change-owner.ts';
import { makeFindNotices } from '#core/use-cases/find-notices.ts';
import { makeGetNotice } from '#core/use-cases/get-notice.ts';
import { makeRequestReplyLink } from '#core/use-cases/request-reply-link.ts';
import { makeDismissUnmatchedReply } from '#core/use-cases/resolve-unmatched-reply.ts';
import type { AppDeps } from '#http/app.ts';
import type { Authenticator } from '#http/auth.ts';
import {
  conversationUseCasesFrom,
  loopStatsFrom,
  manageSendingFrom,
  manageSuppressionsFrom,
  type Ports,
  previewNoticeFrom,
  type RecruiterPorts,
  receiveAtsEventFrom,
  recordDecisionsFrom,
  recruiterUseCasesFrom,
  replyAttachmentsFrom,
  resendNoticeFrom,
  reviewFlagFrom,
  templatePreviewsFrom,
} from './use-cases.ts';

/** What the recruiter API and the webhooks read and write: the DynamoDB ports plus the bus, renderer and raw mail. */
export type HttpPorts = Pick<
  Ports,
  'decisions' | 'notices' | 'suppressions' | 'control' | 'ledger' | 'events' | 'renderer' | 'clock' | 'log' | 'holidays'
> &
  RecruiterPorts & {
    readonly deliveries: DeliveryLog;
    readonly replies: ReplyRepository;
    /** The templates the build produced, which the operator's selection rules are checked against. */
    readonly renderer: { available(): Readonly<Record<string, readonly string[]>> };
    /** Follow-ups from the dashboard are relays, recorded and handed to the send queue. */
    readonly relays: RelayRepository;
    readonly relayQueue: RelayQueue;
    /** Unmatched replies linked from the dashboard: the reply reader does the link (docs/architecture.md). */
    readonly lookup: Pick<NoticeLookup, 'latestSentTo'>;
    readonly linkQueue: ReplyLinkQueue;
    /** The recruiter's workspace reads notices through their indexes (`GET /notices`). */
    readonly listing: NoticeListing;
  };

/** What differs between the hosts: Cognito or the dev token, Secrets Manager or the environment. */
export interface HttpHost {
  readonly authenticate: Authenticator;
  /** Where a caller's address is found when the token names only a user name (Cognito's pool; none locally). */
  readonly callerEmails?: CallerEmails;
  readonly secrets: SecretStore;
  readonly webhookSettings: WebhookSettings;
  /** Refused webhooks and received decisions as metrics (Powertools in AWS); unset, nothing is counted. */
  readonly meter?: IntakeMeter;
}

/**
 * Everything `createApp` needs, for the HTTP API's Lambda and the local stack alike (which adds only its
 * `/local` routes): the two hosts serve the same use cases over the same ports and cannot drift apart.
 */
export function httpAppDependencies(ports: HttpPorts, config: AppConfig, host: HttpHost): Omit<AppDeps, 'local'> {
  const templates = selectionRules(ports.renderer.available(), config.templateSelection);
  const { webhookSettings, secrets } = host;
  return {
    authenticate: host.authenticate,
    ...definedFields({ callerEmails: host.callerEmails }),
    log: ports.log,
    ...definedFields({ meter: host.meter }),
    recordDecisions: recordDecisionsFrom(ports, config, templates),
    getNotice: makeGetNotice(ports),
    defaultRecruiterInbox: config.defaultRecruiterInbox,
    noticeActions: {
      resendNotice: resendNoticeFrom(ports, config),
      cancelNotice: makeCancelNotice(ports),
      changeOwner: makeChangeOwner(ports),
    },
    noticeList: {
      findNotices: makeFindNotices({
        listing: ports.listing,
        clock: ports.clock,
        defaultInbox: config.defaultRecruiterInbox,
        retentionDays: config.retentionDays,
      }),
      clock: ports.clock,
      ...definedFields({ callerEmails: host.callerEmails }),
    },
    sending: manageSendingFrom(ports, config),
    webhooks: {
      receive: receiveAtsEventFrom(ports, config, templates, {
        deliveryRetentionDays: webhookSettings.deliveryRetentionDays,
      }),
      secrets,
      lever: new LeverHttpApi({
        baseUrl: webhookSettings.leverApiUrl,
        apiKey: async () => (await secrets.get('lever-api-key'))[0] ?? '',
      }),
      ...workableApiFor(webhookSettings, secrets),
      settings: webhookSettings,
      clock: ports.clock,
      log: ports.log,
      ...definedFields({ meter: host.meter }),
    },
    flags: { reviewFlag: reviewFlagFrom(ports), getFlag: (id, flag) => ports.flags.get(id, flag) },
    replies: {
      listUnmatchedReplies: (query) => ports.replies.listUnmatched(query),
      requestReplyLink: makeRequestReplyLink(ports),
      dismissUnmatchedReply: makeDismissUnmatchedReply(ports),
    },
    candidates: recruiterUseCasesFrom(ports, config),
    conversations: conversationUseCasesFrom(ports, config),
    attachments: replyAttachmentsFrom({ ...ports, extractor: new MailparserAttachmentExtractor() }),
    stats: { getLoopStats: loopStatsFrom(ports) },
    suppressions: manageSuppressionsFrom(ports),
    previews: {
      templates: templatePreviewsFrom(ports.renderer, config),
      previewNotice: previewNoticeFrom(ports, config),
    },
  };
}
