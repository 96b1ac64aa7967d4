import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { unitWorld } from '#test/support/unit-world.ts';
import { API_TOKEN, webhookApp } from '#test/support/webhook-app.ts';
import { genericRequest } from '#test/support/webhook-fixtures.ts';

const NOW = '2026-11-20T10:00:00Z';
const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const documents = ['README.md', ...readdirSync(new URL('docs/', root)).map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith('.md'),
);

/**
 * Every decision the docs show, as a reader would paste it: the JSON of `-d '…'` and `BODY='…'` in shell
 * examples (with the walkthrough's `$(date …)` as an instant) and of ```json blocks.
 */
function documentedBodies(): { where: string; body: Record<string, unknown> }[] {
  return documents.flatMap((path) => {
    const text = read(path).replaceAll(`'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'`, NOW);
    const shell = [...text.matchAll(/(?:-d |BODY=)'([^']*)'/g)].map((m) => m[1] ?? '');
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    return [...shell, ...blocks].flatMap((json) => {
      let body: unknown;
      try {
        body = JSON.parse(json);
      } catch {
        return [];
      }
      return typeof body === 'object' && body !== null ? [{ where: path, body: body as Record<string, unknown> }] : [];
    });
  });
}

function api() {
  const world = unitWorld({ now: NOW });
  const wired = webhookApp(
    { ...world.ports, ...world, deliveries: new InMemoryDeliveryLog() },
    {
      lever: new InMemoryLeverApi(),
    },
  );
  const postDecision = (body: unknown) =>
    wired.app.request('/decisions', {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { ...wired, postDecision };
}

describe('the decisions the README and docs/ show', () => {
  const bodies = documentedBodies();
  const decisions = bodies.filter(({ body }) => body.decision === 'rejected');
  const generic = bodies.filter(({ body }) => body.type === 'decision.rejected');

  it('are found: the walkthrough, the templates example, the conversation, the resend example and the generic webhook in both places', () => {
    expect(decisions.map((d) => d.where)).toEqual(['README.md', 'README.md', 'README.md', 'README.md']);
    expect(generic.map((d) => d.where).sort()).toEqual(['README.md', 'docs/webhooks.md']);
  });

  it('are accepted by POST /decisions as written, each alone and together as a batch', async () => {
    const { postDecision } = api();

    for (const { where, body } of decisions) {
      const response = await postDecision(body);
      expect(response.status, `${where}: ${JSON.stringify(await response.clone().json())}`).toBe(202);
    }
    const batch = await postDecision({
      decisions: decisions.map(({ body }) => ({ ...body, applicationId: `${String(body.applicationId)}-b` })),
    });
    expect(batch.status).toBe(202);
  });

  it('include the OpenAPI example, which POST /decisions accepts too', async () => {
    const { app, postDecision } = api();
    const doc = await (await app.request('/openapi.json')).json();

    const response = await postDecision(doc.components.schemas.Decision.example);

    expect(response.status).toBe(202);
  });

  it('are accepted by the generic webhook as written', async () => {
    const { post } = api();

    for (const { where, body } of generic) {
      const response = await post('generic', genericRequest(JSON.stringify(body), { at: new Date(NOW) }));
      expect(response.status, `${where}: ${await response.clone().text()}`).toBe(202);
    }
  });
});
