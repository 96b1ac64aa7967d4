import { OPEN_RELAY_STATUSES, type Relay } from '../domain/relay.ts';
import type { Log } from '../ports/log.ts';
import type { RelayQueue } from '../ports/relay-queue.ts';
import type { RelayRepository } from '../ports/relay-repository.ts';

export interface StartRelayDeps {
  readonly relays: Pick<RelayRepository, 'create'>;
  readonly queue: RelayQueue;
  readonly log: Log;
}

export type StartRelay = (relay: Relay) => Promise<Relay>;

/**
 * Records a relay and hands it to the send queue.
 *
 * Primary course:
 *  1. Create it `pending` (a conditional put: a cause processed twice finds the first relay instead).
 *  2. Enqueue it while it is still open. A relay already sent is not enqueued again; one still open is, because
 *     the first attempt may have died between the write and the enqueue (the send's claim makes a second
 *     message harmless).
 */
export function makeStartRelay(deps: StartRelayDeps): StartRelay {
  return async (relay) => {
    const created = await deps.relays.create(relay);
    const current = created.created ? relay : created.existing;
    if (OPEN_RELAY_STATUSES.includes(current.status)) await deps.queue.enqueueRelays([current.id]);
    deps.log.info(created.created ? 'relay recorded' : 'relay already recorded', {
      relayId: current.id,
      direction: current.direction,
      noticeId: current.noticeId,
      status: current.status,
    });
    return current;
  };
}
