import { describe, expect, it } from 'vitest';
import {
  type LocalSesEvent,
  SES_REPORT_DELAY_MS,
  SimulatedSesEvents,
  simulatorOutcome,
} from '#adapters/local/simulated-ses-events.ts';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
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
    if (!('event' in parsed)) throw new Error('ignored' in parsed ? parsed.ignored : 'a relay');
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

  it('delivers ooto@simulator.amazonses.com, then answers the Reply-To with an RFC 3834 out-of-office reply', async () => {
    expect(await eventsFor('ooto@simulator.amazonses.com')).toEqual([
      ['Email Sent', 'send', null],
      ['Email Delivered', 'delivery', null],
    ]);

    const answers: Uint8Array[] = [];
    const mailer = new SimulatedSesEvents(new RecordingMailer(), async () => {}, fixedClock('2026-11-20T11:00:00Z'), {
      region: 'eu-west-1',
      reportDelayMs: 0,
      autoReply: async (raw) => {
        answers.push(raw);
      },
    });
    const email = {
      from: 'a@acme.example',
      replyTo: 'reply+t@replies.acme.example',
      subject: 'An update on your application',
      html: 'h',
      text: 't',
      tags: { noticeId: 'n_abcdefghijklmnopqrstuvwxyz', attempt: '1' },
    };
    const { messageId } = await mailer.send({ ...email, to: 'ooto+label@simulator.amazonses.com' });
    await mailer.send({ ...email, to: 'ada@example.com' });
    await mailer.settled();

    expect(answers).toHaveLength(1);
    const parsed = await new MailparserInboundParser().parse(answers[0] ?? new Uint8Array());
    expect(parsed).toMatchObject({
      from: 'ooto+label@simulator.amazonses.com',
      recipients: ['reply+t@replies.acme.example'],
      subject: 'Automatic reply: An update on your application',
      messageId: `ooto-${messageId}@simulator.amazonses.com`,
      headers: { 'auto-submitted': 'auto-replied' },
    });
  });

  it('honours labels and case, as SES does', () => {
    expect(simulatorOutcome('Bounce+run-42@Simulator.AmazonSES.com')).toBe('bounce');
    expect(simulatorOutcome('bounce@example.com')).toBe('deliver');
  });
});

describe('the simulated reports arrive as late as SES sends them', () => {
  it('holds the Send report back by SES_REPORT_DELAY_MS after the send returns, so the sender records sent first', async () => {
    const published: string[] = [];
    const waits: number[] = [];
    let releaseReport: () => void = () => {};
    const mailer = new SimulatedSesEvents(
      new RecordingMailer(),
      async ({ event }) => {
        published.push(event['detail-type']);
      },
      fixedClock('2026-11-20T11:00:00Z'),
      {
        region: 'eu-west-1',
        wait: (ms) => {
          waits.push(ms);
          return new Promise<void>((resolve) => {
            releaseReport = resolve;
          });
        },
      },
    );
    await mailer.send({
      from: 'a@acme.example',
      to: 'success@simulator.amazonses.com',
      replyTo: 'reply+t@replies.acme.example',
      subject: 's',
      html: 'h',
      text: 't',
      tags: { noticeId: 'n_abcdefghijklmnopqrstuvwxyz', attempt: '1' },
    });
    // The send has returned (the sender would write `sent` now) and nothing has been reported yet.
    await Promise.resolve();
    expect(published).toEqual([]);
    expect(waits).toEqual([SES_REPORT_DELAY_MS]);
    expect(SES_REPORT_DELAY_MS).toBeGreaterThanOrEqual(1_000);

    releaseReport();
    await mailer.settled();
    expect(published).toEqual(['Email Sent', 'Email Delivered']);
  });
});
