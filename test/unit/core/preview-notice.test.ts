import { describe, expect, it } from 'vitest';
import { NotFoundError, TemplateVariableError } from '#core/domain/errors.ts';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

describe('previewing a notice', () => {
  it('renders the email the send would send, without sending it or touching the notice', async () => {
    const world = unitWorld();
    const [result] = await world.recordDecisions([
      aDecision({
        candidate: { locale: 'es-MX' },
        personalNote: 'Gracias por todo.',
        recruiter: { name: 'Javier Ruiz' },
      }),
    ]);
    const id = result?.noticeId ?? '';
    const before = await world.notices.get(id);

    const preview = await world.previewNotice(id);

    expect(preview).toMatchObject({ noticeId: id, templateId: 'position-closed', locale: 'es' });
    expect(preview.subject).toBe('Novedades sobre el puesto de Analytical Engineer');
    expect(preview.text).toContain('Hola, Ada:');
    expect(preview.text).toContain('Gracias por todo.');
    expect(preview.html).toContain('Javier Ruiz');
    expect(world.mailer.sent).toHaveLength(0);
    expect(await world.notices.get(id)).toEqual(before);
  });

  it('previews what was sent, after it went out', async () => {
    const world = unitWorld();
    const [result] = await world.recordDecisions([aDecision()]);
    world.clock.advance(3_600_000);
    await world.sweepAndSend();

    const preview = await world.previewNotice(result?.noticeId ?? '');

    expect(preview.subject).toBe(world.mailer.sent[0]?.subject);
    expect(preview.html).toBe(world.mailer.sent[0]?.html);
  });

  it('fails for an unknown notice, and for one whose email could not be rendered', async () => {
    const world = unitWorld();
    await expect(world.previewNotice('n_aaaaaaaaaaaaaaaaaaaaaaaaaa')).rejects.toThrow(NotFoundError);

    const [result] = await world.recordDecisions([aDecision()]);
    (world.config.branding as { postalAddress: string }).postalAddress = '';
    await expect(world.previewNotice(result?.noticeId ?? '')).rejects.toThrow(TemplateVariableError);
  });
});
