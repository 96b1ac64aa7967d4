import { describe, expect, it } from 'vitest';
import { templatePreviewsFrom } from '#composition/use-cases.ts';
import { silentLog } from '#core/ports/log.ts';
import { createApp } from '#http/app.ts';
import { aDecision } from '#test/support/builders.ts';
import { roleAuthenticator } from '#test/support/recruiter-world.ts';
import { unitWorld } from '#test/support/unit-world.ts';

function api() {
  const world = unitWorld();
  const app = createApp({
    authenticate: roleAuthenticator,
    log: silentLog,
    recordDecisions: world.recordDecisions,
    getNotice: world.getNotice,
    defaultRecruiterInbox: world.config.defaultRecruiterInbox,
    previews: {
      templates: templatePreviewsFrom(world.renderer, world.config),
      previewNotice: world.previewNotice,
    },
  });
  const get = (path: string, token = 'viewer') => app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { world, get };
}

interface Email {
  subject: string;
  html: string;
  text: string;
  locale: string;
}

describe('GET /templates and template previews', () => {
  it('lists every template the build produced with its locales', async () => {
    const { get, world } = api();

    const response = await get('/templates');

    expect(response.status).toBe(200);
    const { templates } = (await response.json()) as { templates: { id: string; locales: string[] }[] };
    expect(Object.fromEntries(templates.map((t) => [t.id, t.locales]))).toEqual(
      Object.fromEntries(Object.entries(world.renderer.available()).map(([id, locales]) => [id, [...locales].sort()])),
    );
    expect(templates.find((t) => t.id === 'general-rejection')?.locales).toEqual(['de', 'en', 'es', 'fr']);
  });

  it('renders a template × locale with sample people in that language, HTML and plain text', async () => {
    const { get } = api();

    const de = (await (await get('/templates/keep-in-touch/preview?locale=de')).json()) as Email;
    const minimal = (await (await get('/templates/keep-in-touch/preview?locale=de&variant=minimal')).json()) as Email;

    expect(de).toMatchObject({ locale: 'de', variant: 'full' });
    expect(de.text).toContain('Lena');
    expect(de.html).toContain('Lena');
    // The full sample carries the recruiter's personal note; the minimal one does not.
    expect(de.text).toContain('Architektur-Aufgabe');
    expect(minimal.text).not.toContain('Architektur-Aufgabe');
  });

  it('answers 404 naming what exists for an unknown template or locale, 400 for a malformed one', async () => {
    const { get } = api();

    const template = await get('/templates/no-such-template/preview?locale=en');
    const locale = await get('/templates/general-rejection/preview?locale=it');
    const malformed = await get('/templates/general-rejection/preview?locale=english!');
    const missing = await get('/templates/general-rejection/preview');

    expect([template.status, locale.status, malformed.status, missing.status]).toEqual([404, 404, 400, 400]);
    expect(((await template.json()) as { detail: string }).detail).toContain('general-rejection');
    expect(((await locale.json()) as { detail: string }).detail).toBe(
      'Template general-rejection is not written in it; locales: de, en, es, fr',
    );
  });

  it('lets every signed-in role preview; no token gets 401', async () => {
    const { get } = api();

    const statuses = [];
    for (const token of ['admin', 'recruiter', 'viewer', 'nobody']) {
      statuses.push((await get('/templates', token)).status);
      statuses.push((await get('/templates/general-rejection/preview?locale=en', token)).status);
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 401, 401]);
  });
});

describe('GET /notices/{id}/preview', () => {
  it("renders a notice's email as the send will, candidate text escaped in the HTML", async () => {
    const { get, world } = api();
    const [recorded] = await world.recordDecisions([
      aDecision({ candidate: { name: '<b>Ada</b> Lovelace', locale: 'fr' } }),
    ]);

    const response = await get(`/notices/${recorded?.noticeId}/preview`);

    expect(response.status).toBe(200);
    const email = (await response.json()) as Email & { noticeId: string };
    expect(email).toMatchObject({ noticeId: recorded?.noticeId, locale: 'fr' });
    expect(email.html).toContain('&lt;b&gt;Ada&lt;/b&gt;');
    expect(email.html).not.toContain('<b>Ada</b>');
    expect(email.text).toContain('<b>Ada</b>');
  });

  it('answers 404 for an unknown notice, 400 for a malformed id and 401 without a token', async () => {
    const { get } = api();

    const unknown = await get('/notices/n_aaaaaaaaaaaaaaaaaaaaaaaaaa/preview');
    const malformed = await get('/notices/nope/preview');
    const anonymous = await get('/notices/n_aaaaaaaaaaaaaaaaaaaaaaaaaa/preview', 'nobody');

    expect([unknown.status, malformed.status, anonymous.status]).toEqual([404, 400, 401]);
  });
});
