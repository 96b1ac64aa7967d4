import { describe, expect, it } from 'vitest';
import { type LocalSesEvent, SimulatedSesEvents, simulatorOutcome } from '#adapters/local/simulated-ses-events.ts';
import { parseSesEvent } from '#adapters/ses/ses-event.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { RecordingMailer } from '#test/fakes/recording-mailer.ts';

async function eventsFor(to: string) {
  const published: LocalSesEvent[] = [];
  const mailer = new SimulatedSesEvents(
    new RecordingMailer(),
    async (event) => {
      published.push(event);
    },
    fixedClock('2026-11-20T11:00:00Z'),
    { region: 'eu-west-1', configurationSet: 'closeloop-local', reportDelayMs: 0 },
  );
  await mailer.send({
    from: 'a@acme.example',
    to,
    replyTo: 'reply+t@replies.acme.example',
    subject: 's',
    html: 'h',
    text: 't',
    tags: { noticeId: 'n_abcdefghijklmnopqrstuvwxyz', attempt: '1' },
  });
  await mailer.settled();
  return published.map(({ event }) => {
    const parsed = parseSesEvent(event);
    if (!('event' in parsed)) throw new Error(parsed.ignored);
    return [event['detail-type'], parsed.event.type, parsed.event.bounce?.subType ?? null];
  });
}

describe('the local SES emits what SES emits, as EventBridge events the real parser accepts', () => {
  it('delivers an ordinary address: Send, then Delivery', async () => {
    expect(await eventsFor('ada@example.com')).toEqual([
      ['Email Sent', 'send', null],
      ['Email Delivered', 'delivery', null],
    ]);
  });

  it('bounces bounce@simulator.amazonses.com permanently', async () => {
    expect(await eventsFor('bounce@simulator.amazonses.com')).toEqual([
      ['Email Sent', 'send', null],
      ['Email Bounced', 'bounce', 'General'],
    ]);
  });

  it('delivers, then complains for, complaint@simulator.amazonses.com', async () => {
    expect(await eventsFor('complaint@simulator.amazonses.com')).toEqual([
      ['Email Sent', 'send', null],
      ['Email Delivered', 'delivery', null],
      ['Email Complaint Received', 'complaint', null],
    ]);
  });

  it('answers suppressionlist@simulator.amazonses.com with an on-suppression-list bounce', async () => {
    expect(await eventsFor('suppressionlist@simulator.amazonses.com')).toEqual([
      ['Email Sent', 'send', null],
      ['Email Bounced', 'bounce', 'OnAccountSuppressionList'],
    ]);
  });

  it('delivers ooto@simulator.amazonses.com (the auto-reply is the inbound side’s concern)', async () => {
    expect(await eventsFor('ooto@simulator.amazonses.com')).toEqual([
      ['Email Sent', 'send', null],
      ['Email Delivered', 'delivery', null],
    ]);
  });

  it('honours labels and case, as SES does', () => {
    expect(simulatorOutcome('Bounce+run-42@Simulator.AmazonSES.com')).toBe('bounce');
    expect(simulatorOutcome('bounce@example.com')).toBe('deliver');
  });
});
