import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import { holidayCalendarFor } from '#adapters/holidays/date-holidays-calendar.ts';
import { BufferedReputationLedger } from '#adapters/ledger/buffered-reputation-ledger.ts';
import { DirectoryRawMailStore } from '#adapters/local/directory-raw-mail-store.ts';
import { InProcessRawMailStore, type LocalRawMailStore } from '#adapters/local/in-process-raw-mail-store.ts';
import { LogRecruiterNotifier } from '#adapters/local/log-recruiter-notifier.ts';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { EnvSecretStore } from '#adapters/secrets/env-secret-store.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { dynamoDbPorts } from '#composition/dynamodb-ports.ts';
import { httpAppDependencies } from '#composition/http-app-dependencies.ts';
import {
  buildUseCases,
  processInboundMailFrom,
  selectionRules,
  sendRelayFrom,
  sweepFrom,
  trackRelayFrom,
  unmatchedReplyActionsFrom,
} from '#composition/use-cases.ts';
import type { AppConfig } from '#config/app-config.ts';
import type { WebhookSettings } from '#config/webhook-config.ts';
import { systemClock } from '#core/ports/clock.ts';
import type { Log } from '#core/ports/log.ts';
import type { ReplyClassifier } from '#core/ports/reply-classifier.ts';
import type { ReplyLinkQueue } from '#core/ports/reply-link-queue.ts';
import type { AppDeps } from '#http/app.ts';
import { devTokenAuthenticator } from '#http/auth.ts';
import type { LocalInboundResult } from '#http/routes/local.ts';
import { toReplyView } from '#http/schemas/reply.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { LocalLoops } from './background-loops.ts';
import { withLocalSesVerdicts } from './local-ses-verdicts.ts';

export interface LocalWiringInput {
  readonly config: AppConfig;
  readonly webhookSettings: WebhookSettings;
  readonly env: NodeJS.ProcessEnv;
  readonly documents: DynamoDBDocumentClient;
  readonly ses: SESv2Client;
  readonly sesUrl: string;
  readonly apiToken: string;
  readonly viewerToken?: string;
  readonly sendRatePerSecond: number;
  /** Where inbound raw messages are kept (the local inbound bucket); undefined keeps them in memory. */
  readonly rawMailDir?: string;
  readonly classifier?: ReplyClassifier;
  readonly log: Log;
}

/**
 * The local host's composition: the same DynamoDB ports and HTTP dependencies as the Lambda functions
 * (`functions/composition`), with in-process stand-ins for EventBridge, SQS, S3 and SES's event publishing.
 */
/**
 * The reply function's link, run in-process and awaited: the link request answers once the link is done and its
 * relay sent, so a script reads the candidate's flag and the owner's relay right after.
 */
function inProcessLinkQueue(
  linkUnmatchedReply: ReturnType<typeof unmatchedReplyActionsFrom>['linkUnmatchedReply'],
  loops: LocalLoops,
): ReplyLinkQueue {
  return {
    requestLink: async (request) => {
      await linkUnmatchedReply(request);
      await settledWithin(loops, INBOUND_SETTLE_MAX_MS);
    },
  };
}

export async function wireLocalStack(input: LocalWiringInput) {
  const { config, log } = input;
  const loops = new LocalLoops(input.ses, config, { sendRatePerSecond: input.sendRatePerSecond }, input.log);
  const renderer = new CompiledTemplateRenderer(catalog);
  const raw: LocalRawMailStore =
    input.rawMailDir === undefined ? new InProcessRawMailStore() : new DirectoryRawMailStore(input.rawMailDir);
  // One sending-control instance for the API, the sweep, the queue and tracking: a pause applies at once.
  const tablePorts = dynamoDbPorts({
    documents: input.documents,
    tableName: config.tableName,
    sendingControlCacheMs: 2_000,
  });
  // The queue's sends are counted once per drain, as the send function counts once per SQS batch.
  const sendLedger = new BufferedReputationLedger(tablePorts.ledger);
  const ports = {
    ...tablePorts,
    sendLedger,
    holidays: holidayCalendarFor(config),
    mailer: loops.mailer,
    events: loops.events,
    queue: loops.queue,
    renderer,
    raw,
    // Relays share the send queue with notices (one SES rate); its consumer tells the messages apart.
    relayQueue: loops.queue,
    clock: systemClock,
    log,
    random: Math.random,
  };
  const useCases = {
    ...buildUseCases(ports, config, selectionRules(renderer.available(), config.templateSelection)),
    // The sweep is also the relays' backstop, as in AWS.
    sweep: sweepFrom({ ...ports, relayQueue: loops.queue }, config),
  };
  const replyPorts = {
    ...ports,
    parser: new MailparserInboundParser(),
    classifier: input.classifier ?? (await loadLocalReplyClassifier()),
    notifier: new LogRecruiterNotifier(log),
  };
  const processInboundMail = processInboundMailFrom(replyPorts, config);
  const linkQueue = inProcessLinkQueue(unmatchedReplyActionsFrom(replyPorts, config).linkUnmatchedReply, loops);
  // The same use case the reply function runs on an S3 event, fed from the local stand-in for S3, which
  // keeps the raw message as the bucket does (until the candidate's data is erased).
  const inbound = async (posted: Uint8Array): Promise<LocalInboundResult> => {
    const location = await raw.put(withLocalSesVerdicts(posted));
    const outcome = await processInboundMail(location);
    const relay =
      outcome.relayId === undefined || outcome.status !== 'relayed'
        ? undefined
        : await ports.relays.get(outcome.relayId);
    if (relay !== undefined) {
      await loops.events.settled();
      return {
        duplicate: outcome.duplicate,
        relay: { id: relay.id, direction: relay.direction, status: relay.status },
      };
    }
    const reply = await ports.replies.get(outcome.replyId);
    if (reply === undefined) throw new Error(`reply ${outcome.replyId} was not recorded`);
    // The same message twice is one reply: the second copy is not kept.
    if (reply.raw.key !== location.key) await raw.delete(location);
    await loops.events.settled();
    return { duplicate: outcome.duplicate, reply: toReplyView(reply) };
  };
  // `POST /local/inbound` answers once what the message queued (its relay) has been sent and tracked, so a script
  // reads the relay in the mail viewer right after, as `/local/sweep` does for notices. The queue is one line, so
  // a backlog of notices ahead of the relay would hold the answer: it waits INBOUND_SETTLE_MAX_MS at most, then
  // answers with the relay as it stands. The mailbox simulator's out-of-office answers take `inbound` itself:
  // they arrive while the queue drains, and must not wait for it.
  const inboundAndSettle = async (posted: Uint8Array): Promise<LocalInboundResult> => {
    const result = await inbound(posted);
    await settledWithin(loops, INBOUND_SETTLE_MAX_MS);
    if (result.relay === undefined) return result;
    const relay = await ports.relays.get(result.relay.id);
    return relay === undefined
      ? result
      : { ...result, relay: { id: relay.id, direction: relay.direction, status: relay.status } };
  };
  await loops.connect(
    {
      ...useCases,
      sendRelay: sendRelayFrom({ ...ports, ledger: sendLedger }, config),
      trackRelay: trackRelayFrom(ports, config),
      inbound,
      flushSendCounts: () => sendLedger.flush(),
    },
    { sesUrl: input.sesUrl, sesToken: input.apiToken, notices: ports.notices, relays: ports.relays },
  );

  const app: AppDeps = {
    ...httpAppDependencies({ ...ports, linkQueue }, config, {
      authenticate: devTokenAuthenticator(input.apiToken, {
        viewerToken: input.viewerToken,
        email: config.defaultRecruiterInbox,
      }),
      secrets: new EnvSecretStore(input.env),
      webhookSettings: input.webhookSettings,
    }),
    local: { sweepAndDrain: (now) => loops.sweepAndDrain(now), inbound: inboundAndSettle },
  };
  return { useCases, loops, app };
}

/** How long `POST /local/inbound` waits for the local queue to drain before it answers anyway. */
export const INBOUND_SETTLE_MAX_MS = 20_000;

async function settledWithin(loops: Pick<LocalLoops, 'settled'>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([loops.settled(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
