import { describe, expect, it } from 'vitest';
import {
  type AcceptedMessage,
  LOCAL_TAGS_HEADER,
  SimulatedSesEvents,
  tagsFromLocalHeader,
} from '#adapters/local/simulated-ses-events.ts';
import { sendNoticeFrom } from '#composition/use-cases.ts';
import { silentLog } from '#core/ports/log.ts';
import type { Mailer, OutgoingEmail } from '#core/ports/mailer.ts';
import { makeTrackHandler } from '#handlers/make-track-handler.ts';
import { replayUnreportedSesEvents } from '#local/replay-unreported-ses-events.ts';
import { aDecision } from '#test/support/builders.ts';
import { unitWorld } from '#test/support/unit-world.ts';

const HOUR = 3_600_000;

/**
 * A stack killed mid-send, and the emulator that outlived it: `emulator` keeps what it accepted (as
 * aws-ses-v2-local's store does), `killAfterAccept` makes the next send die right after SES accepted it.
 */
function killedStackWorld() {
  const world = unitWorld();
  const emulator: { email: OutgoingEmail; messageId: string }[] = [];
  let killAfterAccept = false;
  let killBeforeAccept = false;
  // The simulated reports live in the stack's process: a kill after the `sent` write loses them.
  let reportsLost = false;
  const emulatorMailer: Mailer = {
    send: async (email) => {
      if (killBeforeAccept) throw new Error('killed before SES answered');
      const messageId = `msg-${emulator.length + 1}`;
      emulator.push({ email, messageId });
      if (killAfterAccept) throw new Error('killed after SES accepted');
      return { messageId };
    },
  };
  const track = makeTrackHandler({ trackDelivery: world.trackDelivery, log: silentLog });
  const deliver = async ({ event }: { event: unknown }) => {
    if (!reportsLost) await track(event);
  };
  const ses = new SimulatedSesEvents(emulatorMailer, deliver, world.clock, {
    region: 'eu-west-1',
    configurationSet: 'closeloop-local',
    reportDelayMs: 0,
  });
  const sendNotice = sendNoticeFrom({ ...world.ports, mailer: ses }, world.config);
  const accepted = (): AcceptedMessage[] =>
    emulator.map(({ email, messageId }) => ({
      messageId,
      to: email.to,
      tags: tagsFromLocalHeader(email.headers?.[LOCAL_TAGS_HEADER]) ?? {},
      acceptedAt: world.clock.now(),
    }));
  const decide = async (applicationId: string) => {
    const [result] = await world.recordDecisions([aDecision({ applicationId })]);
    return result?.noticeId ?? '';
  };
  return {
    world,
    emulator,
    ses,
    sendNotice,
    accepted,
    decide,
    kill: (when: 'before' | 'after' | 'after-sent' | 'never') => {
      killBeforeAccept = when === 'before';
      killAfterAccept = when === 'after';
      reportsLost = when === 'after-sent';
    },
    replay: () => replayUnreportedSesEvents({ accepted: accepted(), notices: world.notices, ses, log: silentLog }),
  };
}

describe('after a restart, the local SES reports what its emulator accepted before the kill', () => {
  it('records a notice left `sending` whose message SES accepted as sent and delivered, and never sends it again', async () => {
    const w = killedStackWorld();
    const id = await w.decide('app-accepted');
    w.world.clock.advance(HOUR);
    await w.world.sweep();
    w.kill('after');
    await expect(w.sendNotice(w.world.queue.take()[0] ?? '')).rejects.toThrow('killed after SES accepted');
    expect((await w.world.notices.get(id))?.status).toBe('sending');

    w.kill('never');
    expect(await w.replay()).toEqual({ reconciled: 1, completed: 0 });

    expect(await w.world.notices.get(id)).toMatchObject({ status: 'delivered', sesMessageId: 'msg-1' });
    w.world.clock.advance(24 * HOUR);
    await w.world.sweep();
    expect(w.world.queue.take()).toEqual([]);
    expect(w.emulator).toHaveLength(1);
  });

  it('leaves a notice whose send died before SES accepted it to be retried after its lease, once', async () => {
    const w = killedStackWorld();
    const id = await w.decide('app-not-accepted');
    w.world.clock.advance(HOUR);
    await w.world.sweep();
    w.kill('before');
    await expect(w.sendNotice(w.world.queue.take()[0] ?? '')).rejects.toThrow('killed before SES answered');

    w.kill('never');
    expect(await w.replay()).toEqual({ reconciled: 0, completed: 0 });
    w.world.clock.advance(16 * 60_000);
    await w.world.sweep();
    for (const queued of w.world.queue.take()) expect(await w.sendNotice(queued)).toBe('sent');
    await w.ses.settled();

    expect(w.emulator.map((m) => m.email.tags.noticeId)).toEqual([id]);
    expect((await w.world.notices.get(id))?.status).toBe('delivered');
  });

  it('completes a notice recorded `sent` whose delivery report died with the process, and replays nothing twice', async () => {
    const w = killedStackWorld();
    const id = await w.decide('app-sent');
    w.world.clock.advance(HOUR);
    await w.world.sweep();
    w.kill('after-sent');
    expect(await w.sendNotice(w.world.queue.take()[0] ?? '')).toBe('sent');
    await w.ses.settled();
    w.kill('never');

    expect(await w.replay()).toEqual({ reconciled: 0, completed: 1 });
    expect((await w.world.notices.get(id))?.status).toBe('delivered');
    expect(await w.replay()).toEqual({ reconciled: 0, completed: 0 });
    expect((await w.world.notices.get(id))?.history.filter((h) => h.status === 'delivered')).toHaveLength(1);
  });

  it('ignores a message of an earlier attempt: that attempt’s fate was recorded before the next one was claimed', async () => {
    const w = killedStackWorld();
    const id = await w.decide('app-earlier');
    w.world.clock.advance(HOUR);
    await w.world.sweep();
    w.kill('after');
    await expect(w.sendNotice(w.world.queue.take()[0] ?? '')).rejects.toThrow('killed after SES accepted');
    // The stack restarted without replaying (an emulator that forgot), and the lease expired: attempt 2 claims it.
    w.world.clock.advance(16 * 60_000);
    await w.world.sweep();
    w.kill('before');
    await expect(w.sendNotice(w.world.queue.take()[0] ?? '')).rejects.toThrow('killed before SES answered');
    expect((await w.world.notices.get(id))?.attempts).toBe(2);

    w.kill('never');
    expect(await w.replay()).toEqual({ reconciled: 0, completed: 0 });
    expect((await w.world.notices.get(id))?.status).toBe('sending');
  });
});
