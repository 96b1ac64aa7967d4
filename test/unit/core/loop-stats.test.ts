import { describe, expect, it } from 'vitest';
import { computeLoopStats, weekOf } from '#core/domain/loop-stats.ts';
import type { NoticeFact } from '#core/ports/loop-record-source.ts';

const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' };
const notice = (id: string, over: Partial<NoticeFact> = {}): NoticeFact => ({
  id,
  decidedAt: '2026-11-02T10:00:00.000Z',
  status: 'delivered',
  templateId: 'after-interviews',
  reason: 'skills-mismatch',
  stage: 'interview',
  deliveredAt: '2026-11-03T10:00:00.000Z',
  ...over,
});
const reply = (sentiment: 'positive' | 'neutral' | 'negative', score: number, at = '2026-11-04T09:00:00.000Z') => ({
  replyId: `r_${sentiment}${score}`,
  at,
  sentiment,
  score,
  hostile: score < -0.5,
});

describe('the loop-closing record', () => {
  it('counts who heard back among the rejections that stand, leaving out what the ATS reversed', () => {
    const stats = computeLoopStats(
      {
        decisions: [
          { key: 'd1', decidedAt: '2026-11-02T10:00:00.000Z', noticeId: 'n1' },
          { key: 'd2', decidedAt: '2026-11-02T10:00:00.000Z', noticeId: 'n2' },
          { key: 'd3', decidedAt: '2026-11-02T10:00:00.000Z' },
          { key: 'd4', decidedAt: '2026-11-02T10:00:00.000Z', noticeId: 'n4', atsStatus: 'cancelled' },
        ],
        notices: [
          notice('n1'),
          notice('n2', { status: 'scheduled', deliveredAt: undefined }),
          notice('n4', { status: 'cancelled', deliveredAt: undefined }),
        ],
      },
      period,
    );

    expect(stats).toMatchObject({ rejections: 3, reversed: 1, notified: 1, byStatus: { delivered: 1, scheduled: 1 } });
    expect(stats.notifiedShare).toBeCloseTo(1 / 3);
    expect(stats.funnel).toEqual([
      { step: 'rejected', count: 3 },
      { step: 'planned', count: 2 },
      { step: 'sent', count: 1 },
      { step: 'delivered', count: 1 },
      { step: 'replied', count: 0 },
    ]);
  });

  it('gives the median hours from decision to delivered, and bounce, complaint and reply rates over what was sent', () => {
    const stats = computeLoopStats(
      {
        decisions: [],
        notices: [
          notice('a', { deliveredAt: '2026-11-02T12:00:00.000Z', firstReply: reply('positive', 0.8) }),
          notice('b', { deliveredAt: '2026-11-03T10:00:00.000Z' }),
          notice('c', { status: 'complained', deliveredAt: '2026-11-05T10:00:00.000Z' }),
          notice('d', { status: 'bounced', deliveredAt: undefined }),
        ],
      },
      period,
    );

    expect(stats.medianHoursToDelivered).toBe(24);
    expect(stats.bounceRate).toBe(0.25);
    expect(stats.complaintRate).toBe(0.25);
    expect(stats.replied).toBe(1);
    expect(stats.replyRate).toBe(0.25);
  });

  it('counts a resent notice where it stands now: its earlier delivery is history, so delivered never exceeds sent', () => {
    const stats = computeLoopStats(
      {
        decisions: [],
        notices: [
          notice('delivered'),
          notice('complained', { status: 'complained' }),
          // Resent after a delivery: `deliveredAt` stays (the first delivery's time), the notice waits again.
          notice('resend-pending', { status: 'scheduled' }),
          notice('resent', { status: 'sent' }),
        ],
      },
      period,
    );

    const count = (step: string) => stats.funnel.find((s) => s.step === step)?.count;
    expect(count('sent')).toBe(3);
    expect(count('delivered')).toBe(2);
    // The time to the first delivery is still history worth keeping: all four were delivered once, a day after.
    expect(stats.medianHoursToDelivered).toBe(24);
  });

  it('says null, not 0%, when there is nothing to divide by', () => {
    const stats = computeLoopStats({ decisions: [], notices: [] }, period);

    expect(stats).toMatchObject({
      rejections: 0,
      notifiedShare: null,
      bounceRate: null,
      complaintRate: null,
      replyRate: null,
      medianHoursToDelivered: null,
    });
  });

  it('groups first replies by template, reason, stage and week, so a team sees which emails land well', () => {
    const stats = computeLoopStats(
      {
        decisions: [],
        notices: [
          notice('a', { firstReply: reply('positive', 0.8) }),
          notice('b', { firstReply: reply('negative', -0.9, '2026-11-12T09:00:00.000Z') }),
          notice('c', {
            templateId: 'keep-in-touch',
            reason: 'position-filled',
            stage: 'offer',
            firstReply: reply('positive', 0.6),
          }),
          notice('d'),
        ],
      },
      period,
    );

    expect(stats.sentiment.byTemplate).toEqual([
      { key: 'after-interviews', replies: 2, positive: 1, neutral: 0, negative: 1, hostile: 1, averageScore: -0.05 },
      { key: 'keep-in-touch', replies: 1, positive: 1, neutral: 0, negative: 0, hostile: 0, averageScore: 0.6 },
    ]);
    expect(stats.sentiment.byReason.map((r) => r.key)).toEqual(['skills-mismatch', 'position-filled']);
    expect(stats.sentiment.byStage.map((r) => [r.key, r.replies])).toEqual([
      ['interview', 2],
      ['offer', 1],
    ]);
    expect(stats.sentiment.byWeek.map((r) => [r.week, r.key, r.replies, r.averageScore])).toEqual([
      ['2026-11-02', 'after-interviews', 1, 0.8],
      ['2026-11-02', 'keep-in-touch', 1, 0.6],
      ['2026-11-09', 'after-interviews', 1, -0.9],
    ]);
  });

  it('starts weeks on Monday, in UTC', () => {
    expect(weekOf('2026-11-02T00:00:00.000Z')).toBe('2026-11-02');
    expect(weekOf('2026-11-08T23:59:59.999Z')).toBe('2026-11-02');
    expect(weekOf('2027-01-01T12:00:00.000Z')).toBe('2026-12-28');
  });
});
