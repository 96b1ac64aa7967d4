import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_REPLY, runStory, type StoryOutcome } from '#cli/demo-story.ts';
import { localCredentials } from '#local/emulator-guard.ts';
import { LOCAL_REGION } from '#local/emulators.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';

let dataDir: string;
let stack: StartedStack;
let story: StoryOutcome;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  // On disk, as `npm start` keeps data by default: the table and the inbound messages can be inspected.
  dataDir = await mkdtemp(join(tmpdir(), 'closeloop-erasure-'));
  stack = await startStackProcess({ args: [], env: { CLOSELOOP_DATA_DIR: dataDir } });
  story = await runStory({ api: stack.api, ses: stack.ses, token: stack.token });
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.dynamodb, region: LOCAL_REGION, credentials: localCredentials(stack.token) }),
  );
});
afterAll(async () => {
  await stack?.stop();
  documents?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.api}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json', ...init.headers },
  });

/** Every item of the local table, as text (a test may scan; the product never does). */
async function tableText(): Promise<string> {
  const items: unknown[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: 'closeloop-local', ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return JSON.stringify(items);
}

/** Every raw message the local inbound bucket (`<data>/inbound/`) holds. */
async function rawMailText(): Promise<string[]> {
  const dir = join(dataDir, 'inbound');
  const files = await readdir(dir);
  return Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
}

async function emailsTo(address: string): Promise<number> {
  const { emails } = (await (
    await fetch(`${stack.ses}/store`, { headers: { authorization: `Bearer ${stack.token}` } })
  ).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  return emails.filter((e) => e.destination.to.includes(address)).length;
}

describe('erasing a candidate on npm start', () => {
  it('leaves no item, raw message or log line with their address or words, and never emails them again', async () => {
    const bob = story.bob;
    expect(await tableText()).toContain(bob.email);
    expect((await rawMailText()).some((m) => m.includes(bob.email))).toBe(true);

    const response = await api(`/candidates/${bob.candidateId}`, { method: 'DELETE' });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      candidateId: bob.candidateId,
      erased: {
        decisions: 1,
        notices: 1,
        replies: 1,
        flags: 1,
        // His hostile turn was relayed to the owner (a summary): the relay, its thread item and token go too.
        relays: 1,
        relayThreads: 1,
        recruiterTokens: 1,
        rawMessages: 1,
      },
      receipt: { status: 'complete', requestedBy: 'local-developer', suppressedAddresses: 1 },
    });
    const table = await tableText();
    expect(table).not.toContain(bob.email);
    expect(table).not.toContain(bob.name);
    expect(table).not.toContain(HOSTILE_REPLY);
    expect(table).toContain(story.ada.email);
    const raw = await rawMailText();
    expect(raw.some((m) => m.includes(bob.email) || m.includes('trickster'))).toBe(false);
    expect(raw.some((m) => m.includes(story.ada.email))).toBe(true);
    expect((await api(`/candidates/${bob.candidateId}`)).status).toBe(410);
    // Logs carry ids, never an address or what a candidate wrote.
    expect(stack.output()).toContain(bob.candidateId);
    expect(stack.output()).not.toContain(bob.email);
    expect(stack.output()).not.toContain('trickster');

    // A new rejection for the same address records nothing: erasure stays erased, and nothing is sent.
    const decided = await api('/decisions', {
      method: 'POST',
      body: JSON.stringify({
        source: 'manual',
        applicationId: 'app-after-erasure',
        decision: 'rejected',
        reason: 'position-filled',
        stage: 'interview',
        decidedAt: new Date().toISOString(),
        job: { id: 'job-2', title: 'Data Engineer' },
        candidate: { name: bob.name, email: bob.email },
      }),
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ erased: true });
    const sweep = await (await api('/local/sweep?now=2030-01-01T00:00:00Z', { method: 'POST' })).json();
    expect(sweep.outcomes).toEqual({});
    expect(await emailsTo(bob.email)).toBe(1);
    expect(stack.output()).not.toContain(bob.email);
  });
});
