import { describe, expect, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

describe('recording a rejection decision', () => {
  it('plans one scheduled notice at decision time plus the configured delay', async () => {
    // Prepare
    const world = unitWorld({ now: '2026-11-20T10:05:00Z' });

    // Act
    const [result] = await world.recordDecisions([aDecision()]);

    // Assess
    expect(result).toMatchObject({ duplicate: false, status: 'scheduled', sendAt: '2026-11-20T11:00:00.000Z' });
    const notice = await world.notices.get(result?.noticeId ?? '');
    expect(notice).toMatchObject({
      status: 'scheduled',
      templateId: 'position-closed',
      locale: 'en',
      reason: 'position-filled',
      stage: 'interview',
      job: { id: 'job-1', title: 'Analytical Engineer' },
      attempts: 0,
    });
    expect(notice?.history).toEqual([expect.objectContaining({ status: 'scheduled', event: 'planned' })]);
  });

  it('never schedules into the past when the decision is reported late', async () => {
    const world = unitWorld({ now: '2026-11-25T08:00:00Z' });

    const [result] = await world.recordDecisions([aDecision({ decidedAt: '2026-11-20T10:00:00Z' })]);

    expect(result?.sendAt).toBe('2026-11-25T08:00:00.000Z');
  });

  it('records the same decision twice as one notice and says the second was a duplicate', async () => {
    const world = unitWorld();

    const [first] = await world.recordDecisions([aDecision()]);
    const [second] = await world.recordDecisions([aDecision({ candidate: { name: 'Ada L.' } })]);

    expect(second).toMatchObject({ duplicate: true, noticeId: first?.noticeId, sendAt: first?.sendAt });
    expect(world.notices.items.size).toBe(1);
    expect(world.decisions.items.size).toBe(1);
    expect(world.events.published.filter((e) => e.type === 'DecisionRecorded')).toHaveLength(1);
  });

  it('treats a different application of the same candidate as a new decision on the same timeline', async () => {
    const world = unitWorld();

    const results = await world.recordDecisions([aDecision(), aDecision({ applicationId: 'app-2' })]);

    expect(new Set(results.map((r) => r.noticeId)).size).toBe(2);
    expect(new Set(results.map((r) => r.candidateId)).size).toBe(1);
  });

  it('completes a decision whose notice was never written (a crash between the two writes)', async () => {
    const world = unitWorld();
    const [first] = await world.recordDecisions([aDecision()]);
    world.notices.items.clear();

    const [retry] = await world.recordDecisions([aDecision()]);

    expect(retry).toMatchObject({ duplicate: false, noticeId: first?.noticeId, status: 'scheduled' });
    expect(world.notices.items.size).toBe(1);
  });

  it('records a decision the ATS marks as not to be emailed, and plans nothing', async () => {
    const world = unitWorld();

    const [result] = await world.recordDecisions([aDecision({ canEmail: false })]);

    expect(result?.noticeId).toBeUndefined();
    expect(result?.noEmailReason).toMatch(/can_email/);
    expect(world.decisions.items.size).toBe(1);
    expect(world.notices.items.size).toBe(0);
  });

  it('normalizes the address, so the same person with different casing is one candidate', async () => {
    const world = unitWorld();

    const results = await world.recordDecisions([
      aDecision({ candidate: { email: ' Ada@Example.COM ' } }),
      aDecision({ applicationId: 'app-2', candidate: { email: 'ada@example.com' } }),
    ]);

    expect(results[0]?.candidateId).toBe(results[1]?.candidateId);
    const notice = await world.notices.get(results[0]?.noticeId ?? '');
    expect(notice?.candidate.email).toBe('ada@example.com');
  });

  it('falls back to English for a locale without a template, and keeps unknown reasons as other', async () => {
    const world = unitWorld();

    const [result] = await world.recordDecisions([
      aDecision({ reason: 'Budget freeze', candidate: { locale: 'pt-BR' } }),
    ]);

    const notice = await world.notices.get(result?.noticeId ?? '');
    expect(notice).toMatchObject({ locale: 'en', reason: 'other' });
    const decision = [...world.decisions.items.values()][0];
    expect(decision?.reason).toEqual({ category: 'other', name: 'Budget freeze' });
  });
});
