import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TAGS_HEADER, tagsFromLocalHeader } from '#adapters/local/simulated-ses-events.ts';
import { type RunningServer, startSesEmulator } from '#local/emulators.ts';
import { aDecision } from '#test/support/builders.ts';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { reportFigures } from '#test/support/reliability-report.ts';

const NOTICES = 300;
const KILLS = 3;
/** Emails per second: slow enough that every kill lands mid-bulk, with sends in flight. */
const SEND_RATE = 40;
const TOKEN = 'reliability-kill-test-token';
/** Past the 15-minute send and queue leases: what a lease left by the killed process covered is due again. */
const LEASE_STEP_MS = 16 * 60_000;

let ses: RunningServer;
let dataDir: string;
let stack: StartedStack | undefined;

beforeAll(async () => {
  // The emulator outlives the stack, as SES outlives a Lambda function: what it accepted survives every kill.
  ses = await startSesEmulator({ port: 0 });
  dataDir = await mkdtemp(join(tmpdir(), 'closeloop-kill-'));
});
afterAll(async () => {
  await stack?.stop();
  await ses?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const start = () =>
  startStackProcess({
    args: [],
    env: {
      CLOSELOOP_DATA_DIR: dataDir,
      SES_ENDPOINT: ses.url,
      CLOSELOOP_SES_MAX_SEND_RATE: String(SEND_RATE),
      CLOSELOOP_API_TOKEN: TOKEN,
      LOG_LEVEL: 'info',
    },
  });

interface StoredEmail {
  readonly messageId: string;
  readonly headers?: { name: string; value: string }[] | null;
}

async function accepted(): Promise<StoredEmail[]> {
  const response = await fetch(`${ses.url}/store`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}

async function untilAccepted(count: number, deadlineMs: number): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const n = (await accepted()).length;
    if (n >= count) return n;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${count} emails accepted in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('kill: SIGKILL the local stack mid-bulk, restart it on the same data', () => {
  it(`sends each of ${NOTICES} notices exactly once across ${KILLS} kills, and loses none`, async () => {
    const started = Date.now();
    stack = await start();
    const recorded = await fetch(`${stack.api}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        decisions: Array.from({ length: NOTICES }, (_, i) =>
          aDecision({ applicationId: `kill-${i}`, candidate: { email: `kill${i}@example.com` } }),
        ),
      }),
    });
    expect(recorded.status).toBe(202);
    const noticeIds = ((await recorded.json()) as { results: { noticeId: string }[] }).results.map((r) => r.noticeId);
    expect(new Set(noticeIds).size).toBe(NOTICES);

    let asOf = new Date('2030-01-01T00:00:00Z');
    const atKill: number[] = [];
    const replayed: string[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const running = stack;
      // The sweep answers once everything it enqueued is done; this one never will: its process dies first.
      const sweep = fetch(`${running.api}/local/sweep?now=${asOf.toISOString()}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${running.token}` },
      }).catch(() => undefined);
      await untilAccepted(Math.round((kill * NOTICES) / (KILLS + 1)), 60_000);
      await running.kill();
      await sweep;
      atKill.push((await accepted()).length);

      stack = await start();
      replayed.push(
        ...stack
          .output()
          .split('\n')
          .filter((line) => /reported what the SES emulator accepted|indexes repaired/.test(line)),
      );
      asOf = new Date(asOf.getTime() + LEASE_STEP_MS);
    }
    const final = await fetch(`${stack.api}/local/sweep?now=${asOf.toISOString()}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(final.status).toBe(200);

    const emails = await accepted();
    const perNotice = new Map<string, number>();
    for (const email of emails) {
      const tags = tagsFromLocalHeader(email.headers?.find((h) => h.name === LOCAL_TAGS_HEADER)?.value);
      const id = tags?.noticeId ?? '(untagged)';
      perNotice.set(id, (perNotice.get(id) ?? 0) + 1);
    }
    const notices = await Promise.all(
      noticeIds.map(async (id) => {
        const response = await fetch(`${stack?.api}/notices/${id}`, { headers: auth });
        return (await response.json()) as { id: string; status: string; attempts: number };
      }),
    );
    const statuses: Record<string, number> = {};
    for (const n of notices) statuses[n.status] = (statuses[n.status] ?? 0) + 1;
    const reconciled = replayed
      .map((line) => Number(/reconciled=(\d+)/.exec(line)?.[1] ?? 0))
      .reduce((a, b) => a + b, 0);
    const staleIndexEntries = replayed
      .map((line) => Number(/staleEntries=(\d+)/.exec(line)?.[1] ?? 0))
      .reduce((a, b) => a + b, 0);
    reportFigures('kill-restart', {
      notices: NOTICES,
      kills: KILLS,
      acceptedAtEachKill: atKill,
      reconciledFromEmulator: reconciled,
      retriedAfterLease: notices.filter((n) => n.attempts > 1).length,
      indexRepairs: replayed.filter((line) => line.includes('indexes repaired')).length,
      staleIndexEntries,
      emails: emails.length,
      statuses,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });

    // Every restart after a kill found the unclean stop and repaired dynalite's indexes first.
    expect(replayed.filter((line) => line.includes('indexes repaired'))).toHaveLength(KILLS);
    // Every kill landed mid-bulk.
    for (const [k, n] of atKill.entries()) {
      expect(n, `kill ${k + 1}`).toBeGreaterThan(0);
      expect(n, `kill ${k + 1}`).toBeLessThan(NOTICES);
    }
    // Exactly once: one email per notice, none for anything else; and every notice reached its end.
    expect(emails).toHaveLength(NOTICES);
    expect([...perNotice.keys()].sort()).toEqual([...noticeIds].sort());
    expect([...perNotice.values()].every((n) => n === 1)).toBe(true);
    expect(statuses).toEqual({ delivered: NOTICES });
  });
});
