import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTAKE_METRICS, PowertoolsIntakeMeter } from '#adapters/metrics/powertools-intake-meter.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { unitWorld } from '#test/support/unit-world.ts';
import { API_TOKEN, webhookApp } from '#test/support/webhook-app.ts';
import { fixtureText, genericRequest, greenhouseRequest } from '#test/support/webhook-fixtures.ts';

const NOW = '2026-11-20T10:00:00Z';
const sample = fixtureText('generic/decision-rejected.json');

interface EmfLine {
  readonly _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  readonly [key: string]: unknown;
}

/**
 * The app as the HTTP function wires it, with Powertools' real Metrics: what it prints to stdout is what CloudWatch
 * reads as embedded metric format, so the test reads the same lines.
 */
function api() {
  const written: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const world = unitWorld({ now: NOW });
  const metrics = new Metrics({ serviceName: 'http-api', namespace: 'Closeloop' });
  const wired = webhookApp(
    { ...world.ports, ...world, deliveries: new InMemoryDeliveryLog() },
    { lever: new InMemoryLeverApi(), meter: new PowertoolsIntakeMeter(metrics) },
  );
  const emf = (): EmfLine[] => {
    stdout.mockRestore();
    return written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as EmfLine);
  };
  return { ...wired, emf };
}

afterEach(() => vi.restoreAllMocks());

const now = new Date(NOW);

describe('the webhook refusal metric (EMF, per source and reason)', () => {
  it.each([
    ['signature', () => genericRequest(sample, { at: now, secret: 'a-rotated-secret-nobody-told-us-about' })],
    ['stale', () => genericRequest(sample, { at: new Date(now.getTime() - 301_000) })],
    ['schema', () => genericRequest('{"type":"decision.rejected","id":"evt-1","decision":{}}', { at: now })],
  ] as const)('counts a %s refusal once, with the totals an alarm watches', async (reason, request) => {
    const { post, emf } = api();

    const response = await post('generic', request());

    expect(response.status).toBe(reason === 'schema' ? 400 : 401);
    const lines = emf();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Closeloop',
        Dimensions: [['service', 'source', 'reason'], ['service']],
        Metrics: [{ Name: INTAKE_METRICS.refused, Unit: 'Count' }],
      },
    ]);
    expect(line).toMatchObject({ service: 'http-api', source: 'generic', reason, [INTAKE_METRICS.refused]: 1 });
  });

  it('names the source whose secret failed', async () => {
    const { post, emf } = api();

    await post('greenhouse', greenhouseRequest(fixtureText('greenhouse/reject_candidate.json'), { secret: 'wrong' }));

    expect(emf().map((line) => [line.source, line.reason])).toEqual([['greenhouse', 'signature']]);
  });

  it('counts an accepted delivery as a decision received from its source, and a duplicate not again', async () => {
    const { post, emf } = api();

    expect((await post('generic', genericRequest(sample, { at: now }))).status).toBe(202);
    expect((await post('generic', genericRequest(sample, { at: now }))).status).toBe(200);

    const lines = emf();
    expect(
      lines.map((line) => [line.source, line[INTAKE_METRICS.received], line._aws.CloudWatchMetrics[0]?.Dimensions]),
    ).toEqual([['generic', 1, [['service', 'source'], ['service']]]]);
  });

  it('counts decisions recorded through POST /decisions as source api', async () => {
    const { app, emf } = api();
    const decision = (JSON.parse(sample) as { decision: unknown }).decision;

    const response = await app.request('/decisions', {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(decision),
    });

    expect(response.status).toBe(202);
    expect(emf().map((line) => [line.source, line[INTAKE_METRICS.received]])).toEqual([['api', 1]]);
  });
});
