import { describe, expect, it } from 'vitest';
import { silentLog } from '#core/ports/log.ts';
import { createApp } from '#http/app.ts';
import { devTokenAuthenticator } from '#http/auth.ts';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const TOKEN = 'test-token-0123456789';

function api() {
  const world = unitWorld();
  const app = createApp({
    authenticate: devTokenAuthenticator(TOKEN),
    log: silentLog,
    recordDecisions: world.recordDecisions,
    getNotice: world.getNotice,
    defaultRecruiterInbox: world.config.defaultRecruiterInbox,
  });
  const post = (body: unknown) =>
    app.request('/decisions', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { app, world, post };
}

describe('asking for the keep-in-touch email', () => {
  it('plans the keep-in-touch email for a decision with "keepInTouch": true', async () => {
    const { post, world } = api();

    const response = await post({ ...aDecision(), keepInTouch: true, feedbackOffered: true });

    expect(response.status).toBe(202);
    const { noticeId } = await response.json();
    const notice = await world.notices.get(noticeId);
    expect(notice).toMatchObject({ templateId: 'keep-in-touch', keepInTouch: true, feedbackOffered: true });
  });

  it('answers 400 naming the field when it is not a boolean', async () => {
    const { post } = api();

    const response = await post({ ...aDecision(), keepInTouch: 'yes' });

    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ field: 'keepInTouch' })]);
  });

  it('is documented in the OpenAPI schema of a decision', async () => {
    const { app } = api();

    const doc = await (await app.request('/openapi.json')).json();

    const field = doc.components.schemas.Decision.properties.keepInTouch;
    expect(field).toMatchObject({ type: 'boolean', description: expect.stringContaining('keep-in-touch') });
  });
});
