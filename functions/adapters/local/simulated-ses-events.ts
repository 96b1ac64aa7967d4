import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { SesEventBridgeEvent, SesEventDetail } from '#adapters/ses/ses-event.ts';
import { SES_DETAIL_TYPES } from '#adapters/ses/ses-event.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { Mailer, OutgoingEmail } from '#core/ports/mailer.ts';

/**
 * SES publishes a message's Send event a second or more after accepting it. With 10 ms here the report overtook
 * the sender's own `sent` write for 98.5% of notices, and each such race cost a refused write, a read and a retry
 * locally that AWS never pays.
 */
export const SES_REPORT_DELAY_MS = 1_000;

/** An SES event on the local bus, wrapped as EventBridge would deliver it. */
export interface LocalSesEvent {
  readonly type: 'aws.ses';
  readonly event: SesEventBridgeEvent;
}

const SIMULATOR_DOMAIN = 'simulator.amazonses.com';
const LOCAL_ACCOUNT = '000000000000';

type Outcome = 'deliver' | 'out-of-office' | 'bounce' | 'complaint' | 'suppression-list';

/**
 * aws-ses-v2-local keeps a message's headers but not its EmailTags, so locally the tags also travel as this header:
 * after a restart the emulator's store is what tells which notice and attempt a message was (`replay`). SES in AWS
 * never sees it: only this local decorator adds it.
 */
export const LOCAL_TAGS_HEADER = 'X-Closeloop-Local-Tags';

export function tagsFromLocalHeader(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(new URLSearchParams(value));
}

/** A message the emulator accepted, as its store keeps it: enough to report on it again. */
export interface AcceptedMessage {
  readonly messageId: string;
  readonly to: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly acceptedAt: Date;
}

/**
 * The mailbox simulator's addresses behave as SES documents them (`local+label@` works too): what SES would
 * report after accepting a message to each. Every other address is delivered.
 */
const SIMULATOR: Readonly<Record<string, Outcome>> = {
  success: 'deliver',
  bounce: 'bounce',
  // Delivered, and an out-of-office auto-reply comes back to the Reply-To address (`autoReply` below).
  ooto: 'out-of-office',
  complaint: 'complaint',
  suppressionlist: 'suppression-list',
};

export function simulatorOutcome(address: string): Outcome {
  const normalized = address.trim().toLowerCase();
  const at = normalized.lastIndexOf('@');
  if (normalized.slice(at + 1) !== SIMULATOR_DOMAIN) return 'deliver';
  const local = normalized.slice(0, at).split('+')[0] ?? '';
  return SIMULATOR[local] ?? 'deliver';
}

/**
 * The local stand-in for SES event publishing: a decorator around the real mailer (aws-ses-v2-local, which
 * accepts and stores but reports nothing) that, after each accepted message, delivers the events SES would put
 * on EventBridge (Send, then Delivery, Bounce or Complaint) in EventBridge's own JSON, so the track path runs
 * exactly as in AWS, parser included. As in AWS the reports come a moment after the send returns, in order,
 * one after another; tracking copes with any order, but a timeline that reads in order is easier to follow.
 */
export class SimulatedSesEvents implements Mailer {
  private readonly reporting = new Set<Promise<void>>();

  constructor(
    private readonly inner: Mailer,
    private readonly deliver: (event: LocalSesEvent) => Promise<void>,
    private readonly clock: Clock,
    private readonly options: {
      readonly region: string;
      readonly configurationSet?: string;
      /**
       * How long after the send returns the first report (Send) is delivered: SES publishes its events seconds
       * after it accepted the message, by when the sender has recorded `sent`. Default SES_REPORT_DELAY_MS.
       */
      readonly reportDelayMs?: number;
      /** How the delay is waited out: real timers by default; tests inject one that does not sleep. */
      readonly wait?: (ms: number) => Promise<void>;
      /**
       * Where the mailbox simulator's out-of-office answer goes, as a raw message: locally, the inbound path that
       * SES receiving feeds in AWS. Without it, `ooto@` is only delivered.
       */
      readonly autoReply?: (raw: Uint8Array) => Promise<void>;
    },
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const result = await this.inner.send({
      ...email,
      headers: { ...email.headers, [LOCAL_TAGS_HEADER]: new URLSearchParams(email.tags).toString() },
    });
    const events = this.eventsFor(email, result.messageId, this.clock.now());
    const autoReply = this.options.autoReply;
    const answer =
      autoReply !== undefined && simulatorOutcome(email.to) === 'out-of-office'
        ? () => autoReply(outOfOfficeReply(email, result.messageId, this.clock.now()))
        : undefined;
    this.report(events, answer);
    return result;
  }

  /**
   * Reports on a message accepted before a restart, as SES would have even though the process that sent it died:
   * Send (unless `afterSend`, when it was already recorded), then what happened to it. Tracking applies each
   * report once, so a report that did arrive before the restart changes nothing.
   */
  replay(message: AcceptedMessage, options: { readonly afterSend: boolean }): void {
    const events = this.eventsFor(message, message.messageId, message.acceptedAt);
    this.report(options.afterSend ? events.slice(1) : events);
  }

  /** Resolves once every report started so far has been delivered and handled. */
  async settled(): Promise<void> {
    while (this.reporting.size > 0) await Promise.all([...this.reporting]);
  }

  private report(events: LocalSesEvent[], answer?: () => Promise<void>): void {
    const report = (async () => {
      await (this.options.wait ?? delay)(this.options.reportDelayMs ?? SES_REPORT_DELAY_MS);
      for (const event of events) await this.deliver(event);
      await answer?.();
    })().finally(() => this.reporting.delete(report));
    this.reporting.add(report);
  }

  private eventsFor(email: Pick<OutgoingEmail, 'to' | 'tags'>, messageId: string, now: Date): LocalSesEvent[] {
    // Later events happen a moment later, as they do at SES; their timestamps make their dedupe keys distinct.
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    const tags: Record<string, string[]> = Object.fromEntries(
      Object.entries(email.tags).map(([name, value]) => [name, [value]]),
    );
    if (this.options.configurationSet !== undefined) tags['ses:configuration-set'] = [this.options.configurationSet];
    const mail = { timestamp: at(0), messageId, destination: [email.to], tags };
    const recipients = [{ emailAddress: email.to, status: '5.1.1' }];

    const details: SesEventDetail[] = [{ eventType: 'Send', mail }];
    switch (simulatorOutcome(email.to)) {
      case 'deliver':
      case 'out-of-office':
        details.push({ eventType: 'Delivery', mail, delivery: { timestamp: at(800), recipients: [email.to] } });
        break;
      case 'bounce':
        details.push({
          eventType: 'Bounce',
          mail,
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: recipients,
            timestamp: at(900),
          },
        });
        break;
      case 'suppression-list':
        details.push({
          eventType: 'Bounce',
          mail,
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'OnAccountSuppressionList',
            bouncedRecipients: recipients,
            timestamp: at(100),
          },
        });
        break;
      case 'complaint':
        details.push(
          { eventType: 'Delivery', mail, delivery: { timestamp: at(800), recipients: [email.to] } },
          {
            eventType: 'Complaint',
            mail,
            complaint: {
              complainedRecipients: [{ emailAddress: email.to }],
              timestamp: at(1500),
              complaintFeedbackType: 'abuse',
            },
          },
        );
        break;
    }
    return details.map((detail) => ({
      type: 'aws.ses',
      event: {
        version: '0',
        id: randomUUID(),
        source: 'aws.ses',
        account: LOCAL_ACCOUNT,
        time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.options.region,
        resources: [],
        'detail-type': SES_DETAIL_TYPES[detail.eventType],
        detail,
      },
    }));
  }
}

/**
 * The out-of-office answer the mailbox simulator's `ooto@` address sends, as an autoresponder writes one
 * (RFC 3834: `Auto-Submitted: auto-replied`, to the Reply-To, in reply to our message). Its Message-ID follows
 * from the SES message id, so the same answer twice is one reply.
 */
export function outOfOfficeReply(
  email: Pick<OutgoingEmail, 'to' | 'replyTo' | 'subject'>,
  sesMessageId: string,
  now: Date,
): Uint8Array {
  const subject = `Automatic reply: ${email.subject}`.replace(/[\r\n]+/g, ' ');
  return new TextEncoder().encode(
    [
      `From: ${email.to}`,
      `To: ${email.replyTo}`,
      `Subject: ${subject}`,
      `Date: ${now.toUTCString()}`,
      `Message-ID: <ooto-${sesMessageId}@${SIMULATOR_DOMAIN}>`,
      `In-Reply-To: <${sesMessageId}@email.amazonses.com>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thank you for your message. I am out of the office with limited access to email and will reply when I return.',
      '',
    ].join('\r\n'),
  );
}
