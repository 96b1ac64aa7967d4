/**
 * The sender's reputation as SES and mailbox providers judge it: the share of messages that bounce for good and
 * the share that recipients report as spam. AWS reviews an account at 5% bounces or 0.1% complaints, and may
 * pause it; Closeloop alarms well below that and pauses its own sending at a configured ceiling first.
 */
export interface ReputationCeiling {
  /** Pause when permanent bounces / sends reaches this (0.04 = 4%). */
  readonly bounceRate: number;
  /** Pause when complaints / sends reaches this (0.0008 = 0.08%). */
  readonly complaintRate: number;
  /** Below this many sends in the window a rate says nothing yet: one bounce among three sends is not 33%. */
  readonly minSends: number;
  /** The rolling window the rates are measured over. */
  readonly windowHours: number;
}

export interface ReputationCounts {
  readonly sends: number;
  readonly bounces: number;
  readonly complaints: number;
}

export type ReputationSignal = keyof ReputationCounts;

/** Counts are kept in buckets of this size, so a rolling total is a short range read. */
export const REPUTATION_BUCKET_MS = 15 * 60_000;

/** The start of the bucket an instant falls in. */
export function reputationBucketOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / REPUTATION_BUCKET_MS) * REPUTATION_BUCKET_MS);
}

/** The first whole bucket at or after an instant: a window starting there holds nothing from before it. */
export function firstWholeBucketFrom(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / REPUTATION_BUCKET_MS) * REPUTATION_BUCKET_MS);
}

/**
 * Where the judged window starts: `windowHours` back, but never before the last resume, and on a whole bucket
 * so nothing counted before a resume leaks in.
 */
export function judgedSince(now: Date, windowHours: number, resumedAt: string | undefined): Date {
  const windowStart = now.getTime() - windowHours * 3_600_000;
  const resumed = resumedAt === undefined ? 0 : new Date(resumedAt).getTime();
  return firstWholeBucketFrom(new Date(Math.max(windowStart, resumed)));
}

export function rates(counts: ReputationCounts): { bounceRate: number; complaintRate: number } {
  return counts.sends === 0
    ? { bounceRate: 0, complaintRate: 0 }
    : { bounceRate: counts.bounces / counts.sends, complaintRate: counts.complaints / counts.sends };
}

const percent = (rate: number) => `${(rate * 100).toFixed(rate < 0.01 ? 2 : 1)}%`;

/** Whether the rolling rates crossed the ceiling, and why, in words an operator can act on. */
export function ceilingCrossed(counts: ReputationCounts, ceiling: ReputationCeiling): string | undefined {
  if (counts.sends < ceiling.minSends) return undefined;
  const { bounceRate, complaintRate } = rates(counts);
  const window = `over the last ${ceiling.windowHours} h`;
  if (bounceRate >= ceiling.bounceRate) {
    return `Bounce rate ${percent(bounceRate)} ${window} (${counts.bounces} of ${counts.sends} sends) reached the ceiling of ${percent(ceiling.bounceRate)}`;
  }
  if (complaintRate >= ceiling.complaintRate) {
    return `Complaint rate ${percent(complaintRate)} ${window} (${counts.complaints} of ${counts.sends} sends) reached the ceiling of ${percent(ceiling.complaintRate)}`;
  }
  return undefined;
}

/** What one SES report counts towards reputation: the send it confirms, a permanent bounce, a complaint. */
export function reputationSignalsOf(
  event: { readonly type: string; readonly bounce?: { readonly kind: string } },
  accepted: boolean,
): ReputationSignal[] {
  const signals: ReputationSignal[] = [];
  if (accepted) signals.push('sends');
  if (event.type === 'bounce' && event.bounce?.kind === 'permanent') signals.push('bounces');
  if (event.type === 'complaint') signals.push('complaints');
  return signals;
}
