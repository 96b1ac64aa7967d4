import { parseSesEvent } from '#adapters/ses/ses-event.ts';
import type { RelayDeliveryEvent } from '#core/domain/delivery-event.ts';
import type { Log } from '#core/ports/log.ts';
import type { TrackDelivery, TrackOutcome } from '#core/use-cases/track-delivery.ts';
import type { TrackRelay, TrackRelayOutcome } from '#core/use-cases/track-relay.ts';

export type TrackResult = TrackOutcome | TrackRelayOutcome | 'not-ours';

/**
 * Consumes one SES event from EventBridge (in AWS) or from the local simulated SES (under `npm start`): validate,
 * map, track. A malformed event throws, so Lambda's retries and then the function's dead-letter queue keep it
 * for inspection instead of dropping it; so does a failure to write.
 */
export function makeTrackHandler(deps: {
  trackDelivery: TrackDelivery;
  /** Reports about relays (the `relayId` tag) go to their own use case; unwired (some tests), they are not ours. */
  trackRelay?: TrackRelay;
  log: Log;
  count?: (result: TrackResult) => void;
}) {
  const trackRelay = async (event: RelayDeliveryEvent): Promise<TrackResult> => {
    if (deps.trackRelay !== undefined) return deps.trackRelay(event);
    deps.log.warn('SES event about a relay, and no relay tracking wired', { relayId: event.relayId });
    return 'not-ours';
  };
  return async (event: unknown): Promise<{ result: TrackResult }> => {
    const parsed = parseSesEvent(event);
    if ('ignored' in parsed) {
      deps.log.debug('SES event not tracked', { reason: parsed.ignored });
      deps.count?.('not-ours');
      return { result: 'not-ours' };
    }
    const result =
      'relayEvent' in parsed ? await trackRelay(parsed.relayEvent) : await deps.trackDelivery(parsed.event);
    deps.count?.(result);
    return { result };
  };
}
