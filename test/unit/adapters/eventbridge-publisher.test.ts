import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import type { DomainEvent } from '#core/domain/events.ts';

// EventBridge has no local emulator here: aws-sdk-client-mock stands in for the service, the SDK client is real.
const eventBridge = mockClient(EventBridgeClient);
afterEach(() => {
  eventBridge.reset();
});

/** A small event, or one whose detail is about `bytes` long. */
function anEvent(n: number, bytes = 0): DomainEvent {
  return {
    type: 'SendingPaused',
    version: 1,
    id: `evt-${n}`,
    occurredAt: '2026-11-20T10:00:00.000Z',
    detail: { reason: 'x'.repeat(bytes), by: 'admin:sub-1' },
  };
}

/** Backoff sleeps are recorded, never slept. */
function publisher() {
  const sleeps: number[] = [];
  const events = new EventBridgePublisher(new EventBridgeClient({ region: 'eu-west-1' }), 'closeloop-bus', {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { events, sleeps };
}

const calls = () => eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries ?? []);
const idsOf = (entries: readonly PutEventsRequestEntry[]) =>
  entries.map((e) => (JSON.parse(e.Detail ?? '{}') as { id: string }).id);

/** EventBridge's size of an entry, written out here independently of the adapter: UTF-8 bytes, 14 for Time. */
const sizeOf = (e: PutEventsRequestEntry) =>
  Buffer.byteLength(e.Source ?? '') + Buffer.byteLength(e.DetailType ?? '') + Buffer.byteLength(e.Detail ?? '') + 14;

/** Answers each call as EventBridge would, refusing the entries `refuse` picks with the code it gives. */
function answer(refuse: (id: string, call: number) => string | undefined) {
  let call = 0;
  eventBridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput): PutEventsCommandOutput => {
    call += 1;
    const Entries = idsOf(input.Entries ?? []).map((id) => {
      const code = refuse(id, call);
      return code === undefined ? { EventId: `eb-${id}` } : { ErrorCode: code, ErrorMessage: `${code} for ${id}` };
    });
    return { $metadata: {}, FailedEntryCount: Entries.filter((e) => 'ErrorCode' in e).length, Entries };
  });
}

describe('EventBridgePublisher', () => {
  it('publishes in calls of at most ten entries, in order, each naming the bus, source, type and time', async () => {
    answer(() => undefined);
    const { events } = publisher();

    await events.publish(Array.from({ length: 25 }, (_, n) => anEvent(n)));

    expect(calls().map((c) => c.length)).toEqual([10, 10, 5]);
    expect(calls().flatMap(idsOf)).toEqual(Array.from({ length: 25 }, (_, n) => `evt-${n}`));
    expect(calls()[0]?.[0]).toEqual({
      EventBusName: 'closeloop-bus',
      Source: 'closeloop',
      DetailType: 'SendingPaused',
      Detail: JSON.stringify(anEvent(0)),
      Time: new Date('2026-11-20T10:00:00.000Z'),
    });
  });

  it('keeps every call within 256 KB, however few entries that allows', async () => {
    answer(() => undefined);
    const { events } = publisher();

    await events.publish(Array.from({ length: 5 }, (_, n) => anEvent(n, 100 * 1024)));

    expect(calls().map((c) => c.length)).toEqual([2, 2, 1]);
    for (const call of calls()) expect(call.reduce((sum, e) => sum + sizeOf(e), 0)).toBeLessThanOrEqual(256 * 1024);
    expect(calls().flatMap(idsOf)).toEqual(['evt-0', 'evt-1', 'evt-2', 'evt-3', 'evt-4']);
  });

  it('refuses an event larger than any call may be before sending anything, naming it', async () => {
    answer(() => undefined);
    const { events } = publisher();

    await expect(events.publish([anEvent(0), anEvent(1, 300 * 1024)])).rejects.toThrow(/SendingPaused evt-1/);
    expect(calls()).toHaveLength(0);
  });

  it('sends again, alone and after a backoff, only the entries refused as throttled or by an internal failure', async () => {
    answer((id, call) =>
      call === 1 && id === 'evt-1'
        ? 'ThrottlingException'
        : call === 1 && id === 'evt-3'
          ? 'InternalFailure'
          : undefined,
    );
    const { events, sleeps } = publisher();

    await events.publish([0, 1, 2, 3].map((n) => anEvent(n)));

    expect(calls().map(idsOf)).toEqual([
      ['evt-0', 'evt-1', 'evt-2', 'evt-3'],
      ['evt-1', 'evt-3'],
    ]);
    expect(sleeps).toEqual([75]); // base 100 ms, half fixed and half jitter (random 0.5)
  });

  it('gives up on an entry still throttled after three attempts and says which, with the code', async () => {
    answer((id) => (id === 'evt-2' ? 'ThrottlingException' : undefined));
    const { events, sleeps } = publisher();

    await expect(events.publish([0, 1, 2].map((n) => anEvent(n)))).rejects.toThrow(
      'EventBridge refused 1 of 3 events (ThrottlingException): SendingPaused evt-2',
    );
    expect(calls().map(idsOf)).toEqual([['evt-0', 'evt-1', 'evt-2'], ['evt-2'], ['evt-2']]);
    expect(sleeps).toEqual([75, 150]);
  });

  it('does not retry an entry that cannot succeed, still publishes the calls after it, and reports it', async () => {
    answer((id) => (id === 'evt-1' ? 'MalformedDetail' : undefined));
    const { events } = publisher();

    await expect(events.publish(Array.from({ length: 12 }, (_, n) => anEvent(n)))).rejects.toThrow(
      'EventBridge refused 1 of 12 events (MalformedDetail): SendingPaused evt-1',
    );
    expect(calls().map((c) => c.length)).toEqual([10, 2]);
  });

  it('treats a failure count without per-entry codes as nothing published from that call', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [] });
    const { events } = publisher();

    await expect(events.publish([anEvent(0)])).rejects.toThrow(/UnidentifiedFailure.*evt-0/);
  });

  it.each([
    [
      'throttled',
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a 5xx',
      Object.assign(new Error('We encountered an internal error'), {
        name: 'InternalException',
        $metadata: { httpStatusCode: 500 },
      }),
    ],
  ])('surfaces a call that failed as a whole (%s, after the SDK retried it) without going on', async (_, error) => {
    eventBridge.on(PutEventsCommand).rejects(error);
    const { events } = publisher();

    await expect(events.publish(Array.from({ length: 15 }, (_, n) => anEvent(n)))).rejects.toBe(error);
    expect(calls()).toHaveLength(1);
  });

  it('makes no call for no events', async () => {
    const { events } = publisher();

    await events.publish([]);

    expect(calls()).toHaveLength(0);
  });
});
