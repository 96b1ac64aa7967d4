import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#core/domain/errors.ts';
import type { Log } from '#core/ports/log.ts';
import { makeManageSuppressions } from '#core/use-cases/manage-suppressions.ts';
import { aDecision } from '#test/support/builders.ts';
import { recruiterWorld } from '#test/support/recruiter-world.ts';

/** A log that keeps every line, to check what it says and what it never says. */
function recordingLog() {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      lines.push(JSON.stringify({ level, message, ...Object.assign({}, ...extra) }));
  const log: Log = { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
  return { log, text: () => lines.join('\n'), lines };
}

function world() {
  const w = recruiterWorld();
  return { w, suppressions: w.manageSuppressions };
}

const ADA = 'ada@example.com';

describe('suppressing an address at a recruiter request', () => {
  it('keeps only the digest of the normalized address, with who asked, when and why', async () => {
    const { w, suppressions } = world();

    const result = await suppressions.suppress({
      email: '  Ada@Example.COM ',
      note: '  Asked by phone not to be contacted again ',
      actor: 'recruiter:sub-1',
    });

    expect(result).toEqual({
      created: true,
      suppression: {
        emailDigest: emailDigest(ADA),
        reason: 'recruiter-request',
        at: '2026-11-20T10:00:00.000Z',
        origin: 'recruiter:sub-1',
        note: 'Asked by phone not to be contacted again',
      },
    });
    expect(JSON.stringify([...w.suppressions.items.values()])).not.toMatch(/ada@/i);
  });

  it('answers the suppression in force when the address already is suppressed, and keeps it', async () => {
    const { w, suppressions } = world();
    await w.suppressions.add({ emailDigest: emailDigest(ADA), reason: 'hard-bounce', at: '2026-11-01T00:00:00.000Z' });

    const result = await suppressions.suppress({ email: ADA, actor: 'recruiter:sub-1' });

    expect(result.created).toBe(false);
    expect(result.suppression).toMatchObject({ reason: 'hard-bounce', at: '2026-11-01T00:00:00.000Z' });
  });

  it('refuses a note that holds an address, naming the field, and suppresses nothing', async () => {
    const { w, suppressions } = world();

    const refused = suppressions.suppress({ email: ADA, note: 'Her new one is <ada@home.example>', actor: 'r' });

    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ issues: [{ field: 'note' }] });
    expect(w.suppressions.items.size).toBe(0);
  });

  it('logs the suppression id and who asked, never the address', async () => {
    const { log, text } = recordingLog();
    const w = recruiterWorld();
    const suppressions = makeManageSuppressions({ suppressions: w.suppressions, clock: w.clock, log });

    await suppressions.suppress({ email: ADA, actor: 'recruiter:sub-1' });
    await suppressions.lift({ id: emailDigest(ADA), actor: 'recruiter:sub-1', asAdmin: false });

    expect(text()).toContain(emailDigest(ADA));
    expect(text()).toContain('recruiter:sub-1');
    expect(text()).not.toContain(ADA);
  });
});

describe('a suppressed address is never sent to', () => {
  it('ends a notice scheduled for it `suppressed` when it comes due, and sends nothing', async () => {
    const { w, suppressions } = world();
    await suppressions.suppress({ email: ADA, note: 'Asked not to be contacted', actor: 'recruiter:sub-1' });

    const [decided] = await w.recordDecisions([aDecision({ candidate: { email: 'ADA@example.com' } })]);
    w.clock.advance(24 * 3600_000);
    const outcomes = await w.sweepAndSend();

    expect(outcomes).toEqual(['suppressed']);
    expect(w.mailer.sent).toEqual([]);
    const notice = await w.notices.get(decided?.noticeId ?? '');
    expect(notice?.status).toBe('suppressed');
    expect(notice?.history.at(-1)?.detail).toBe('Not sent: the address is suppressed (recruiter-request)');
  });

  it('stops a notice already scheduled before the request', async () => {
    const { w, suppressions } = world();
    const [decided] = await w.recordDecisions([aDecision()]);

    await suppressions.suppress({ email: ADA, actor: 'recruiter:sub-1' });
    w.clock.advance(24 * 3600_000);

    expect(await w.sweepAndSend()).toEqual(['suppressed']);
    expect(w.mailer.sent).toEqual([]);
    expect((await w.notices.get(decided?.noticeId ?? ''))?.status).toBe('suppressed');
  });

  it('sends it again once the suppression is lifted before it comes due', async () => {
    const { w, suppressions } = world();
    await suppressions.suppress({ email: ADA, actor: 'recruiter:sub-1' });
    await w.recordDecisions([aDecision()]);

    await suppressions.lift({ id: emailDigest(ADA), actor: 'recruiter:sub-1', asAdmin: false });
    w.clock.advance(24 * 3600_000);

    expect(await w.sweepAndSend()).toEqual(['sent']);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([ADA]);
  });
});

describe('lifting a suppression', () => {
  it('lets a recruiter lift one a recruiter added, and answers what it was', async () => {
    const { w, suppressions } = world();
    await suppressions.suppress({ email: ADA, note: 'by phone', actor: 'recruiter:sub-1' });

    const lifted = await suppressions.lift({ id: emailDigest(ADA), actor: 'recruiter:sub-2', asAdmin: false });

    expect(lifted).toMatchObject({ reason: 'recruiter-request', note: 'by phone' });
    expect(await w.suppressions.find(emailDigest(ADA))).toBeUndefined();
  });

  it.each([
    ['hard-bounce', 'bounced for good'],
    ['complaint', 'marked our email as spam'],
  ] as const)('leaves a %s suppression to admins, saying why', async (reason, why) => {
    const { w, suppressions } = world();
    await w.suppressions.add({ emailDigest: emailDigest(ADA), reason, at: '2026-11-01T00:00:00.000Z' });

    const refused = suppressions.lift({ id: emailDigest(ADA), actor: 'recruiter:sub-1', asAdmin: false });

    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toThrow(why);
    await expect(refused).rejects.toThrow(/Only an admin.*reputation/);
    expect(await w.suppressions.find(emailDigest(ADA))).toBeDefined();
    await suppressions.lift({ id: emailDigest(ADA), actor: 'admin:sub-9', asAdmin: true });
    expect(await w.suppressions.find(emailDigest(ADA))).toBeUndefined();
  });

  it("never lifts an erased candidate's suppression, not even for an admin", async () => {
    const { w, suppressions } = world();
    await w.suppressions.add({ emailDigest: emailDigest(ADA), reason: 'erased', at: '2026-11-01T00:00:00.000Z' });

    await expect(
      suppressions.lift({ id: emailDigest(ADA), actor: 'admin:sub-9', asAdmin: true }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await w.suppressions.find(emailDigest(ADA))).toMatchObject({ reason: 'erased' });
  });

  it('answers not found for an id that is not suppressed', async () => {
    const { suppressions } = world();

    await expect(
      suppressions.lift({ id: emailDigest('nobody@example.com'), actor: 'admin:sub-9', asAdmin: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('erasure and a recruiter request', () => {
  it("replaces the request with the erasure's tombstone: the note goes, and it can no longer be lifted", async () => {
    const { w, suppressions } = world();
    const notice = await w.sentNotice({ candidate: { name: 'Ada Lovelace', email: ADA } });
    await suppressions.suppress({ email: ADA, note: 'Ada asked by phone', actor: 'recruiter:sub-1' });

    await w.eraseCandidate({ candidateId: notice.candidateId, by: 'admin:sub-9' });

    const after = await w.suppressions.find(emailDigest(ADA));
    expect(after).toEqual({
      emailDigest: emailDigest(ADA),
      reason: 'erased',
      at: expect.any(String),
      origin: `erasure:${notice.candidateId}`,
    });
    await expect(
      suppressions.lift({ id: emailDigest(ADA), actor: 'recruiter:sub-1', asAdmin: false }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
