import { ValidationError } from '../domain/errors.ts';
import { computeLoopStats, type LoopStats } from '../domain/loop-stats.ts';
import type { Clock } from '../ports/clock.ts';
import type { LoopRecordSource } from '../ports/loop-record-source.ts';

export type GetLoopStats = (period: { readonly from?: string; readonly to?: string }) => Promise<LoopStats>;

const DAY_MS = 86_400_000;
/** Without `from`: the last 12 weeks. */
export const DEFAULT_PERIOD_DAYS = 84;
/** A period reads one index partition per month; a longer one would be a slow request, so it is refused. */
export const MAX_PERIOD_DAYS = 366;

/**
 * The loop-closing record of the decisions taken in a period.
 *
 * Primary course:
 *  1. Settle the period (default: the 12 weeks up to now) and refuse an inverted or over-long one.
 *  2. Read the period's decisions and notices from the `byPeriod` index (one query per month, no scan).
 *  3. Compute the shares, rates, median and sentiment groupings (`computeLoopStats`).
 */
export function makeGetLoopStats(deps: { readonly source: LoopRecordSource; readonly clock: Clock }): GetLoopStats {
  return async (period) => {
    const to = period.to === undefined ? deps.clock.now() : new Date(period.to);
    const from =
      period.from === undefined ? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS) : new Date(period.from);
    if (from.getTime() > to.getTime()) {
      throw new ValidationError('The period ends before it starts', [
        { field: 'from', message: 'must not be after to' },
      ]);
    }
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
      throw new ValidationError(`The period is longer than ${MAX_PERIOD_DAYS} days`, [
        { field: 'from', message: `at most ${MAX_PERIOD_DAYS} days before to` },
      ]);
    }
    const bounds = { from: from.toISOString(), to: to.toISOString() };
    return computeLoopStats(await deps.source.between(bounds.from, bounds.to), bounds);
  };
}
