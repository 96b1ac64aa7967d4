import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { withListingKeys } from '#adapters/dynamodb/notice-index-backfill.ts';
import { createTableInput, INDEXES } from '#adapters/dynamodb/table-definition.ts';
import { definedFields } from '#core/domain/optional.ts';
import { guardEmulator } from './emulator-guard.ts';

const require = createRequire(import.meta.url);

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(`Port ${port} is already in use: set ${variable} to a free port (or stop what is using it).`);
  }
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on loopback; port 0 picks a free port. EADDRINUSE becomes a one-line error naming the variable. */
export function listen(server: Server, port: number, variable: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(port, variable) : e);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve(running(server));
    });
  });
}

export function running(server: Server): RunningServer {
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * dynalite: DynamoDB's wire protocol in process. `path` keeps data on disk across restarts. Guarded
 * (emulator-guard.ts): loopback Host only, no other site, and the dev token as the access key id when given.
 */
export async function startDynalite(options: {
  port: number;
  path?: string;
  variable?: string;
  token?: string;
}): Promise<RunningServer> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  guardEmulator(server, { name: 'DynamoDB (dynalite)', ...definedFields({ token: options.token }) });
  return listen(server, options.port, options.variable ?? 'DYNAMODB_PORT');
}

/**
 * aws-ses-v2-local: SES v2's SendEmail and a mail viewer. It is CommonJS with `exports.default`, and it
 * listens by itself, so a busy port is detected by probing first. Guarded as dynalite is; the mail viewer
 * opens in the developer's own browser without the token (emulator-guard.ts, `browserPages`). The guard
 * goes on in the continuation of the listen callback, before any request can be read.
 */
export async function startSesEmulator(options: {
  port: number;
  variable?: string;
  token?: string;
}): Promise<RunningServer> {
  const { default: startSes } = require('aws-ses-v2-local') as {
    default: (config: { port: number; host: string }) => Promise<Server>;
  };
  if (options.port !== 0) await assertPortFree(options.port, options.variable ?? 'SES_PORT');
  const server = await startSes({ port: options.port, host: '127.0.0.1' });
  guardEmulator(server, {
    name: 'SES emulator (aws-ses-v2-local)',
    browserPages: true,
    ...definedFields({ token: options.token }),
  });
  return running(server);
}

async function assertPortFree(port: number, variable: string): Promise<void> {
  const { createServer } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(port, variable) : e),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * Creates the table from the same definition the CDK stack uses, unless it exists, and returns once it is
 * ACTIVE: dynalite answers "not found" to reads of a table still CREATING, which a busy machine can expose.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  let items: Record<string, AttributeValue>[] = [];
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    if (Object.keys(INDEXES).every((name) => present.has(name))) return;
    // A table kept under .data by an older Closeloop lacks a newer index, and dynalite cannot add one:
    // copy the items out, create the table anew, and put them back. Local data only, never in AWS.
    items = await scanAll(client, tableName);
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    await waitUntilGone(client, tableName);
  } catch (e: unknown) {
    if (!(e instanceof Error && e.name === 'ResourceNotFoundException')) throw e;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await waitUntilActive(client, tableName);
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, AttributeValue>[] = items.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0 && attempt < 10; attempt++) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({
          // Notices from before the listing indexes gain their keys on the way back, so they are listed too.
          RequestItems: { [tableName]: pending.map((Item) => ({ PutRequest: { Item: withListingKeys(Item) } })) },
        }),
      );
      pending = (UnprocessedItems?.[tableName] ?? []).flatMap((r) => (r.PutRequest?.Item ? [r.PutRequest.Item] : []));
    }
    if (pending.length > 0) throw new Error(`Could not copy ${pending.length} items back into ${tableName}`);
  }
}

/** dynalite creates a table on a timer and answers "not found" to reads of a table still CREATING. */
export async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** dynalite deletes a table on a timer: creating it again before that fires answers ResourceInUseException. */
async function waitUntilGone(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (e: unknown) {
      if (e instanceof Error && e.name === 'ResourceNotFoundException') return;
      throw e;
    }
    if (Date.now() > deadline) throw new Error(`Table ${tableName} was not deleted within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ...definedFields({ ExclusiveStartKey: startKey }) }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** The SDK wants credentials even for emulators; these never leave the machine (unguarded by a token). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'eu-west-1';

/** The two emulators the local stack talks to, started here unless the options name running ones. */
export interface LocalEmulators {
  readonly dynamodbUrl: string;
  readonly sesUrl: string;
  /** Stops what was started here, last first, and any server added with `track`. */
  close(): Promise<void>;
  track(server: RunningServer): void;
}

export async function startEmulators(options: {
  readonly dynamodbPort: number;
  readonly sesPort: number;
  readonly dataDir?: string;
  readonly dynamodbEndpoint?: string;
  readonly sesEndpoint?: string;
  /** The dev token both emulators ask for (emulator-guard.ts). */
  readonly apiToken?: string;
}): Promise<LocalEmulators> {
  const started: RunningServer[] = [];
  const close = async () => {
    for (const server of started.reverse()) await server.close();
  };
  try {
    let dynamodbUrl = options.dynamodbEndpoint;
    if (dynamodbUrl === undefined) {
      const db = await startDynalite({
        port: options.dynamodbPort,
        ...definedFields({ path: options.dataDir, token: options.apiToken }),
      });
      started.push(db);
      dynamodbUrl = db.url;
    }
    let sesUrl = options.sesEndpoint;
    if (sesUrl === undefined) {
      const ses = await startSesEmulator({ port: options.sesPort, ...definedFields({ token: options.apiToken }) });
      started.push(ses);
      sesUrl = ses.url;
    }
    return { dynamodbUrl, sesUrl, close, track: (server) => started.push(server) };
  } catch (e: unknown) {
    await close();
    throw e;
  }
}
