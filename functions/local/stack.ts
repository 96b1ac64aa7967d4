import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAdaptorServer } from '@hono/node-server';
import type { InProcessQueue } from '#adapters/local/in-process-queue.ts';
import { sendingSesClient } from '#adapters/ses/sending-ses-client.ts';
import type { UseCases } from '#composition/use-cases.ts';
import { type AppConfig, loadConfig } from '#config/app-config.ts';
import { loadWebhookSettings, type WebhookSettings } from '#config/webhook-config.ts';
import type { Log } from '#core/ports/log.ts';
import type { ReplyClassifier } from '#core/ports/reply-classifier.ts';
import type { SendOutcome } from '#core/use-cases/send-notice.ts';
import type { RelaySendOutcome } from '#core/use-cases/send-relay.ts';
import { createApp } from '#http/app.ts';
import { mountDashboard } from './dashboard.ts';
import { localCredentials } from './emulator-guard.ts';
import { ensureTable, LOCAL_REGION, listen, startEmulators } from './emulators.ts';
import { loopbackOnly } from './loopback-host.ts';
import { repairDynaliteIndexes } from './repair-dynalite-indexes.ts';
import { wireLocalStack } from './wiring.ts';

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
  /** A second bearer token holding only the viewer role (printed as "Viewer token"). */
  readonly viewerToken?: string;
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
  /** The same for relays. */
  readonly relayOutcomes: ReadonlyMap<string, RelaySendOutcome>;
  /** Resolves once the queue is empty and every event (domain and SES) has been handled. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system on one machine: dynalite and aws-ses-v2-local speak the real wire protocols
 * (emulators.ts); the event bus, queue and SES event publishing are in-process stand-ins (background-loops.ts);
 * the ports and use cases are wired as in the Lambda functions (wiring.ts). Used by `npm start`, the e2e tests
 * and the benches alike.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  // Read before anything starts, so a bad setting fails at once; read again below with the port the API got.
  loadConfig(options.env, 'local');
  const webhookSettings = loadWebhookSettings(options.env);
  const emulators = await startEmulators(options);
  // The dev token is the access key id: the guarded emulators ask for it (emulator-guard.ts).
  const clientConfig = { region: LOCAL_REGION, credentials: localCredentials(options.apiToken) };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: emulators.dynamodbUrl, maxAttempts: 5 });
  const ses = sendingSesClient({ ...clientConfig, endpoint: emulators.sesUrl });
  try {
    // The API listens first (answering 503 until it is wired) so that, on a free port (PORT=0), the links in
    // relays point at the port it got rather than at the default one.
    let serve: (request: Request) => Response | Promise<Response> = () => new Response('Starting', { status: 503 });
    const api = await listen(
      createAdaptorServer({ fetch: loopbackOnly((request: Request) => serve(request)) }) as Server,
      options.port,
      'PORT',
    );
    emulators.track(api);
    // Links in relays point at this stack's own dashboard unless the environment names another.
    const config = loadConfig(
      { CLOSELOOP_DASHBOARD_URL: `http://localhost:${new URL(api.url).port}/`, ...options.env },
      'local',
    );
    const documents = await openTable(dynamodb, config.tableName, options);
    const {
      useCases,
      loops,
      app: deps,
    } = await wireLocalStack({
      ...options,
      config,
      webhookSettings,
      documents,
      ses,
      sesUrl: emulators.sesUrl,
    });
    const app = createApp(deps);
    if (!mountDashboard(app))
      options.log.warn('no dashboard build in web/dist: run npm run build:web (npm start does)');
    serve = (request) => app.fetch(request);
    loops.startSweepTimer(options.sweepIntervalMs);
    return {
      urls: {
        api: api.url,
        dashboard: `${api.url}/`,
        ses: emulators.sesUrl,
        dynamodb: emulators.dynamodbUrl,
        openapi: `${api.url}/openapi.json`,
      },
      config,
      webhookSettings,
      useCases,
      queue: loops.queue,
      outcomes: loops.outcomes,
      relayOutcomes: loops.relayOutcomes,
      settled: () => loops.settled(),
      stop: async () => {
        await loops.stop();
        await emulators.close();
        dynamodb.destroy();
        ses.destroy();
      },
    };
  } catch (e: unknown) {
    await emulators.close();
    dynamodb.destroy();
    ses.destroy();
    throw e;
  }
}

/** Creates the table unless it exists, and puts dynalite's indexes right after an unclean stop. */
async function openTable(
  dynamodb: DynamoDBClient,
  tableName: string,
  options: Pick<LocalStackOptions, 'repairIndexes' | 'log'>,
): Promise<DynamoDBDocumentClient> {
  await ensureTable(dynamodb, tableName);
  const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  if (options.repairIndexes === true) {
    const repair = await repairDynaliteIndexes(documents, tableName);
    options.log.info('the previous run stopped uncleanly: indexes repaired', { ...repair });
  }
  return documents;
}
