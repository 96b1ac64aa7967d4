import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedStack, startStackProcess } from '#test/support/local-stack-process.ts';
import { sentEmails } from '#test/support/ses-store.ts';
import { fixtureText, genericRequest, greenhouseRequest, SECRETS } from '#test/support/webhook-fixtures.ts';

let stack: StartedStack;
beforeAll(async () => {
  stack = await startStackProcess();
});
afterAll(async () => {
  await stack?.stop();
});

const post = (source: string, request: { body: string; headers: Record<string, string> }) =>
  fetch(`${stack.api}/webhooks/${source}`, { method: 'POST', headers: request.headers, body: request.body });

describe('npm start: the webhooks, as the README and docs/webhooks.md show them', () => {
  it('prints the webhook URL and each secret with its development default', () => {
    expect(stack.output()).toContain(`${stack.api}/webhooks/{greenhouse|lever|ashby|workable|generic}`);
    expect(stack.output()).toContain(`GREENHOUSE_WEBHOOK_SECRET   ${SECRETS.greenhouse}`);
    expect(stack.output()).toContain(`GENERIC_WEBHOOK_SECRET      ${SECRETS.generic}`);
  });

  it('takes a Greenhouse sample and a generic webhook signed with the printed secrets, and emails both', async () => {
    const greenhouse = await post(
      'greenhouse',
      greenhouseRequest(fixtureText('greenhouse/reject_candidate.json'), { eventId: 'e2e-1' }),
    );
    const generic = await post(
      'generic',
      genericRequest(fixtureText('generic/decision-rejected.json'), { at: new Date() }),
    );
    const unsigned = await post('generic', { body: '{}', headers: { 'content-type': 'application/json' } });

    expect([greenhouse.status, generic.status, unsigned.status]).toEqual([202, 202, 401]);
    const sweep = await fetch(`${stack.api}/local/sweep?now=2030-01-01T00:00:00Z`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(await sweep.json()).toMatchObject({ enqueued: 2, outcomes: { sent: 2 } });
    const [hector] = await sentEmails(stack, 'hector.porter.265788@example.com');
    const [grace] = await sentEmails(stack, 'grace@example.com');
    // The template (and so the subject's wording) follows the decision's stage; the job title is what proves
    // each webhook reached the right candidate.
    expect(hector?.subject).toContain('Designer');
    expect(grace?.subject).toContain('Data Engineer');
  });

  it('logs the webhook by ids, never by the candidate address', () => {
    expect(stack.output()).toMatch(/webhook delivery handled source=greenhouse deliveryId=e2e-1 status=accepted/);
    expect(stack.output()).not.toContain('hector.porter.265788@example.com');
    expect(stack.output()).not.toContain('grace@example.com');
  });
});
