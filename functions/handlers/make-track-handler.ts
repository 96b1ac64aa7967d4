import { parseSesEvent } from '#adapters/ses/ses-event.ts';
import type { Log } from '#core/ports/log.ts';
import type { TrackDelivery, TrackOutcome } from '#core/use-cases/track-delivery.ts';

export type TrackResult = TrackOutcome | 'not-ours';

/**
 * Consumes one SES event from EventBridge (in AWS) or from the local simulated SES (under `npm start`): validate,
 * map, track. A malformed event throws, so Lambda's retries and then the function's dead-letter queue keep it
 * for inspection instead of dropping it; so does a failure to write.
 */
export function makeTrackHandler(deps: {
  trackDelivery: TrackDelivery;
  log: Log;
  count?: (result: TrackResult) => void;
}) {
  return async (event: unknown): Promise<{ result: TrackResult }> => {
    const parsed = parseSesEvent(event);
    if ('ignored' in parsed) {
      deps.log.debug('SES event not tracked', { reason: parsed.ignored });
      deps.count?.('not-ours');
      return { result: 'not-ours' };
    }
    const result = await deps.trackDelivery(parsed.event);
    deps.count?.(result);
    return { result };
  };
}
