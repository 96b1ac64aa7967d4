import { describe, expect, it } from 'vitest';
import { sweepFrom } from '#composition/use-cases.ts';
import { InMemoryRelayRepository } from '#test/fakes/in-memory-relay-repository.ts';
import { aRelayToCandidate, aRelayToRecruiter } from '#test/support/relays.ts';
import { unitWorld } from '#test/support/unit-world.ts';

function world() {
  const w = unitWorld();
  const relays = new InMemoryRelayRepository();
  const sweep = sweepFrom({ ...w.ports, relays, relayQueue: w.queue }, w.config);
  return { ...w, relays, sweep };
}

describe("the sweep as the relays' backstop", () => {
  it('enqueues again an open relay a minute after it fell due, never a fresh or a finished one', async () => {
    const w = world();
    const lost = aRelayToRecruiter({ createdAt: '2026-11-20T09:58:00.000Z' });
    const fresh = aRelayToCandidate({ createdAt: '2026-11-20T09:59:30.000Z' });
    const sent = aRelayToCandidate({ status: 'sent', createdAt: '2026-11-20T09:00:00.000Z' });
    const waiting = aRelayToCandidate({
      status: 'deferred',
      nextAttemptAt: '2026-11-20T10:30:00.000Z',
      createdAt: '2026-11-20T09:00:00.000Z',
    });
    for (const relay of [lost, fresh, sent, waiting]) await w.relays.create(relay);

    expect((await w.sweep()).relayIds).toEqual([lost.id]);
    expect(w.queue.takeRelays()).toEqual([lost.id]);

    w.clock.set('2026-11-20T10:31:00.000Z');
    expect(new Set((await w.sweep()).relayIds)).toEqual(new Set([lost.id, fresh.id, waiting.id]));
  });

  it('enqueues nothing while sending is paused', async () => {
    const w = world();
    await w.relays.create(aRelayToRecruiter({ createdAt: '2026-11-20T09:00:00.000Z' }));
    await w.control.pause({ reason: 'operator', at: 'x', by: 'admin:test' });

    expect((await w.sweep()).relayIds).toEqual([]);
    expect(w.queue.takeRelays()).toEqual([]);
  });
});
