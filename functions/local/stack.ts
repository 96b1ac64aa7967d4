import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAdaptorServer } from '@hono/node-server';
import { loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import { DynamoDbCandidateRecords } from '#adapters/dynamodb/dynamodb-candidate-records.ts';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbDeliveryLog } from '#adapters/dynamodb/dynamodb-delivery-log.ts';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbFlagRepository } from '#adapters/dynamodb/dynamodb-flag-repository.ts';
import { DynamoDbLoopRecordSource } from '#adapters/dynamodb/dynamodb-loop-record-source.ts';
import { DynamoDbNoticeLookup } from '#adapters/dynamodb/dynamodb-notice-lookup.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { DynamoDbReplyRepository } from '#adapters/dynamodb/dynamodb-reply-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { type AppConfig, loadConfig } from '#adapters/env/app-config.ts';
import { loadWebhookSettings, type WebhookSettings } from '#adapters/env/webhook-config.ts';
import { holidayCalendarFor } from '#adapters/holidays/date-holidays-calendar.ts';
import { LeverHttpApi } from '#adapters/lever/lever-http-api.ts';
import { DirectoryRawMailStore } from '#adapters/local/directory-raw-mail-store.ts';
import { InProcessEventBus } from '#adapters/local/in-process-event-bus.ts';
import { InProcessQueue } from '#adapters/local/in-process-queue.ts';
import { InProcessRawMailStore, type LocalRawMailStore } from '#adapters/local/in-process-raw-mail-store.ts';
import { LogRecruiterNotifier } from '#adapters/local/log-recruiter-notifier.ts';
import { readAcceptedMessages } from '#adapters/local/ses-emulator-store.ts';
import { type LocalSesEvent, SimulatedSesEvents } from '#adapters/local/simulated-ses-events.ts';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { EnvSecretStore } from '#adapters/secrets/env-secret-store.ts';
import { sendingSesClient } from '#adapters/ses/sending-ses-client.ts';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import {
  buildUseCases,
  loopStatsFrom,
  manageSuppressionsFrom,
  processInboundMailFrom,
  receiveAtsEventFrom,
  recruiterUseCasesFrom,
  reviewFlagFrom,
  selectionRules,
  type UseCases,
} from '#composition/use-cases.ts';
import { systemClock } from '#core/ports/clock.ts';
import type { Log } from '#core/ports/log.ts';
import type { ReplyClassifier } from '#core/ports/reply-classifier.ts';
import type { SendOutcome } from '#core/use-cases/send-notice.ts';
import { makeTrackHandler } from '#handlers/make-track-handler.ts';
import { createApp } from '#http/app.ts';
import { devTokenAuthenticator } from '#http/auth.ts';
import type { LocalInboundResult, LocalSweepResult } from '#http/routes/local.ts';
import { toReplyView } from '#http/schemas/reply.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { mountDashboard } from './dashboard.ts';
import {
  ensureTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  listen,
  type RunningServer,
  startDynalite,
  startSesEmulator,
} from './emulators.ts';
import { withLocalSesVerdicts } from './local-ses-verdicts.ts';
import { loopbackOnly } from './loopback-host.ts';
import { repairDynaliteIndexes } from './repair-dynalite-indexes.ts';
import { REPLAY_WINDOW_MS, replayUnreportedSesEvents } from './replay-unreported-ses-events.ts';

export interface LocalStackOptions {
  readonly port: number;
  readonly dynamodbPort: number;
  readonly sesPort: number;
  /** Where dynalite keeps its data; undefined keeps it in memory (`--in-memory`). */
  readonly dataDir?: string;
  /** Where inbound raw messages are kept (the local inbound bucket); undefined keeps them in memory. */
  readonly rawMailDir?: string;
  /** Use an already running DynamoDB-compatible endpoint instead of starting dynalite. */
  readonly dynamodbEndpoint?: string;
  /** Use an already running SES emulator instead of starting aws-ses-v2-local. */
  readonly sesEndpoint?: string;
  readonly apiToken: string;
  readonly env: NodeJS.ProcessEnv;
  /** 0 disables the background sweep (tests drive it through `/local/sweep`). */
  readonly sweepIntervalMs: number;
  /** The SES maximum send rate the local queue keeps to. */
  readonly sendRatePerSecond: number;
  readonly log: Log;
  /** Reads replies; default: the local classifier with its committed weights. */
  readonly classifier?: ReplyClassifier;
  /** The previous run on `dataDir` stopped uncleanly: put dynalite's indexes right first (repair-dynalite-indexes.ts). */
  readonly repairIndexes?: boolean;
}

export interface LocalStack {
  readonly urls: {
    readonly api: string;
    readonly dashboard: string;
    readonly ses: string;
    readonly dynamodb: string;
    readonly openapi: string;
  };
  readonly config: AppConfig;
  readonly webhookSettings: WebhookSettings;
  readonly useCases: UseCases;
  readonly queue: InProcessQueue;
  /** The last send outcome of each notice the queue processed (benches and tests read it). */
  readonly outcomes: ReadonlyMap<string, SendOutcome>;
  /** Resolves once the queue is empty and every event (domain and SES) has been handled. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system on one machine: dynalite and aws-ses-v2-local speak the real wire protocols;
 * the event bus, queue and scheduler are in-process stand-ins. Used by `npm start`, the e2e tests and the
 * benches alike.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const config = loadConfig(options.env, 'local');
  const webhookSettings = loadWebhookSettings(options.env);
  const secrets = new EnvSecretStore(options.env);
  const log = options.log;
  const started: RunningServer[] = [];
  const stopAll = async () => {
    for (const server of started.reverse()) await server.close();
  };

  try {
    let dynamodbUrl = options.dynamodbEndpoint;
    if (dynamodbUrl === undefined) {
      const db = await startDynalite({
        port: options.dynamodbPort,
        ...(options.dataDir === undefined ? {} : { path: options.dataDir }),
      });
      started.push(db);
      dynamodbUrl = db.url;
    }
    let sesUrl = options.sesEndpoint;
    if (sesUrl === undefined) {
      const ses = await startSesEmulator({ port: options.sesPort });
      started.push(ses);
      sesUrl = ses.url;
    }

    const clientConfig = {
      endpoint: dynamodbUrl,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 5,
    };
    const dynamodb = new DynamoDBClient(clientConfig);
    await ensureTable(dynamodb, config.tableName);
    const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    if (options.repairIndexes === true) {
      const repair = await repairDynaliteIndexes(documents, config.tableName);
      log.info('the previous run stopped uncleanly: indexes repaired', { ...repair });
    }
    const ses = sendingSesClient({ endpoint: sesUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

    const renderer = new CompiledTemplateRenderer(catalog);
    const events = new InProcessEventBus(log);
    // SES events take their own bus: in AWS they arrive on the default bus, not the decisions bus.
    const sesEvents = new InProcessEventBus<LocalSesEvent>(log);
    const holidays = holidayCalendarFor(config);
    // Bound once the reply path is wired below: the mailbox simulator's out-of-office answers come in through it.
    let answerInbound: ((raw: Uint8Array) => Promise<unknown>) | undefined;
    const simulatedSes = new SimulatedSesEvents(
      new SesMailer(ses, config.sesConfigurationSet),
      (event) => sesEvents.deliver(event),
      systemClock,
      {
        region: LOCAL_REGION,
        ...(config.sesConfigurationSet === undefined ? {} : { configurationSet: config.sesConfigurationSet }),
        autoReply: async (raw) => {
          await answerInbound?.(raw);
        },
      },
    );
    const outcomes = new Map<string, SendOutcome>();
    let useCases: UseCases | undefined;
    // The latest instant `/local/sweep?now=` ran as of: sends judge and grant leases as of it (send-notice.ts).
    let sweptAsOf: Date | undefined;
    const queue = new InProcessQueue(
      async (noticeId) => {
        if (useCases === undefined) throw new Error('the queue started before the use cases were wired');
        outcomes.set(noticeId, await useCases.sendNotice(noticeId, sweptAsOf === undefined ? {} : { asOf: sweptAsOf }));
      },
      { ratePerSecond: options.sendRatePerSecond, concurrency: 8, maxReceives: 5, retryDelayMs: 2_000 },
      log,
    );
    const decisions = new DynamoDbDecisionRepository(documents, config.tableName);
    const notices = new DynamoDbNoticeRepository(documents, config.tableName);
    useCases = buildUseCases(
      {
        decisions,
        notices,
        suppressions: new DynamoDbSuppressionRepository(documents, config.tableName),
        // One instance for the API, the sweep, the queue and tracking: a pause through the API applies at once.
        control: new DynamoDbSendingControl(documents, config.tableName, { cacheMs: 2_000 }),
        ledger: new DynamoDbReputationLedger(documents, config.tableName),
        holidays,
        mailer: simulatedSes,
        events,
        queue,
        renderer,
        clock: systemClock,
        log,
        random: Math.random,
      },
      config,
      selectionRules(renderer.available(), config.templateSelection),
    );
    const wired = useCases;
    const replies = new DynamoDbReplyRepository(documents, config.tableName);
    const relays = new DynamoDbRelayRepository(documents, config.tableName);
    const flags = new DynamoDbFlagRepository(documents, config.tableName);
    const rawMail: LocalRawMailStore =
      options.rawMailDir === undefined ? new InProcessRawMailStore() : new DirectoryRawMailStore(options.rawMailDir);
    const replyPorts = {
      raw: rawMail,
      parser: new MailparserInboundParser(),
      lookup: new DynamoDbNoticeLookup(documents, config.tableName, notices),
      notices,
      replies,
      flags,
      erasures: new DynamoDbErasureLog(documents, config.tableName),
      records: new DynamoDbCandidateRecords(documents, config.tableName),
      classifier: options.classifier ?? (await loadLocalReplyClassifier()),
      notifier: new LogRecruiterNotifier(log),
      events,
      relays,
      // Relays are recorded `pending` in the RELAYDUE index; the local queue's relay consumer comes with the
      // send side of conversations (relay-out), which replaces this.
      relayQueue: {
        enqueueRelays: async (relayIds: readonly string[]) =>
          log.info('relays recorded, not yet sent locally', { relayIds }),
      },
      renderer,
      clock: systemClock,
      log,
    };
    const processInboundMail = processInboundMailFrom(replyPorts, config);
    // The same use case the reply function runs on an S3 event, fed from the local stand-in for S3, which
    // keeps the raw message as the bucket does (until the candidate's data is erased).
    const inbound = async (posted: Uint8Array): Promise<LocalInboundResult> => {
      const raw = withLocalSesVerdicts(posted);
      const location = await rawMail.put(raw);
      const outcome = await processInboundMail(location);
      const relay =
        outcome.status === 'relayed' && outcome.relayId !== undefined ? await relays.get(outcome.relayId) : undefined;
      if (relay !== undefined) {
        await events.settled();
        return {
          duplicate: outcome.duplicate,
          relay: { id: relay.id, direction: relay.direction, status: relay.status },
        };
      }
      const reply = await replies.get(outcome.replyId);
      if (reply === undefined) throw new Error(`reply ${outcome.replyId} was not recorded`);
      // The same message twice is one reply: the second copy is not kept.
      if (reply.raw.key !== location.key) await rawMail.delete(location);
      await events.settled();
      return { duplicate: outcome.duplicate, reply: toReplyView(reply) };
    };
    answerInbound = inbound;

    const track = makeTrackHandler({ trackDelivery: wired.trackDelivery, log });
    sesEvents.subscribe('aws.ses', async ({ event }) => {
      await track(event);
    });
    // A previous run killed between SES accepting a message and recording it: report what the emulator holds.
    await replayUnreportedSesEvents({
      accepted: await readAcceptedMessages(sesUrl, new Date(Date.now() - REPLAY_WINDOW_MS)),
      notices,
      ses: simulatedSes,
      log,
    });

    const settled = async () => {
      // Tracking can defer a notice but never enqueues; one pass of each is enough, repeated until all are idle.
      do {
        await queue.drain();
        await simulatedSes.settled();
        await sesEvents.settled();
        await events.settled();
      } while (queue.depth > 0);
    };

    const sweepAndDrain = async (now: Date | undefined): Promise<LocalSweepResult> => {
      if (now !== undefined && (sweptAsOf === undefined || now > sweptAsOf)) sweptAsOf = now;
      const result = await wired.sweep(now);
      await settled();
      const counts: Record<string, number> = {};
      for (const id of result.noticeIds) {
        const outcome = outcomes.get(id) ?? 'pending';
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
      return { now: result.now, found: result.found, enqueued: result.enqueued, outcomes: counts };
    };

    const templates = selectionRules(renderer.available(), config.templateSelection);
    const receiveAtsEvent = receiveAtsEventFrom(
      {
        decisions,
        notices,
        events,
        clock: systemClock,
        log,
        holidays,
        deliveries: new DynamoDbDeliveryLog(documents, config.tableName),
      },
      config,
      templates,
      { deliveryRetentionDays: webhookSettings.deliveryRetentionDays },
    );
    const recruiterPorts = {
      records: new DynamoDbCandidateRecords(documents, config.tableName),
      erasures: new DynamoDbErasureLog(documents, config.tableName),
      loopRecord: new DynamoDbLoopRecordSource(documents, config.tableName),
      flags,
      notices,
      suppressions: new DynamoDbSuppressionRepository(documents, config.tableName),
      raw: rawMail,
      renderer,
      clock: systemClock,
      log,
    };
    const recruiter = recruiterUseCasesFrom(recruiterPorts, config);
    const app = createApp({
      authenticate: devTokenAuthenticator(options.apiToken),
      log,
      recordDecisions: wired.recordDecisions,
      getNotice: wired.getNotice,
      noticeActions: { resendNotice: wired.resendNotice, cancelNotice: wired.cancelNotice },
      sending: wired.manageSending,
      webhooks: {
        receive: receiveAtsEvent,
        secrets,
        lever: new LeverHttpApi({
          baseUrl: webhookSettings.leverApiUrl,
          apiKey: async () => (await secrets.get('lever-api-key'))[0] ?? '',
        }),
        settings: webhookSettings,
        clock: systemClock,
        log,
      },
      flags: { reviewFlag: reviewFlagFrom(replyPorts), getFlag: (id, flag) => flags.get(id, flag) },
      replies: { listUnmatchedReplies: (query) => replies.listUnmatched(query) },
      candidates: recruiter,
      stats: { getLoopStats: loopStatsFrom(recruiterPorts) },
      suppressions: manageSuppressionsFrom(recruiterPorts),
      local: { sweepAndDrain, inbound },
    });
    const dashboard = mountDashboard(app);
    if (!dashboard) log.warn('no dashboard build in web/dist: run npm run build:web (npm start does)');
    const api = await listen(createAdaptorServer({ fetch: loopbackOnly(app.fetch) }) as Server, options.port, 'PORT');
    started.push(api);

    let sweeping = false;
    const timer =
      options.sweepIntervalMs > 0
        ? setInterval(() => {
            if (sweeping) return;
            sweeping = true;
            wired
              .sweep()
              .catch((e: unknown) =>
                log.error('background sweep failed', { error: e instanceof Error ? e.message : String(e) }),
              )
              .finally(() => {
                sweeping = false;
              });
          }, options.sweepIntervalMs)
        : undefined;
    timer?.unref();

    return {
      urls: {
        api: api.url,
        dashboard: `${api.url}/`,
        ses: sesUrl,
        dynamodb: dynamodbUrl,
        openapi: `${api.url}/openapi.json`,
      },
      config,
      webhookSettings,
      useCases: wired,
      queue,
      outcomes,
      settled,
      stop: async () => {
        if (timer) clearInterval(timer);
        queue.stop();
        await queue.drain();
        await simulatedSes.settled();
        await sesEvents.settled();
        await events.settled();
        await stopAll();
        dynamodb.destroy();
        ses.destroy();
      },
    };
  } catch (e: unknown) {
    await stopAll();
    throw e;
  }
}
