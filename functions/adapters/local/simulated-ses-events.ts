import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { SesEventBridgeEvent, SesEventDetail } from '#adapters/ses/ses-event.ts';
import { SES_DETAIL_TYPES } from '#adapters/ses/ses-event.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { Mailer, OutgoingEmail } from '#core/ports/mailer.ts';

/** An SES event on the local bus, wrapped as EventBridge would deliver it. */
export interface LocalSesEvent {
  readonly type: 'aws.ses';
  readonly event: SesEventBridgeEvent;
}

const SIMULATOR_DOMAIN = 'simulator.amazonses.com';
const LOCAL_ACCOUNT = '000000000000';

type Outcome = 'deliver' | 'bounce' | 'complaint' | 'suppression-list';

/**
 * The mailbox simulator's addresses behave as SES documents them (`local+label@` works too): what SES would
 * report after accepting a message to each. Every other address is delivered.
 */
const SIMULATOR: Readonly<Record<string, Outcome>> = {
  success: 'deliver',
  bounce: 'bounce',
  // An out-of-office auto-reply comes back to the Reply-To address; for tracking it is a plain delivery.
  ooto: 'deliver',
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
      /** How long after the send returns the first report is delivered (EventBridge takes seconds in AWS). */
      readonly reportDelayMs?: number;
    },
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const result = await this.inner.send(email);
    const events = this.eventsFor(email, result.messageId);
    const report = (async () => {
      await delay(this.options.reportDelayMs ?? 10);
      for (const event of events) await this.deliver(event);
    })().finally(() => this.reporting.delete(report));
    this.reporting.add(report);
    return result;
  }

  /** Resolves once every report started so far has been delivered and handled. */
  async settled(): Promise<void> {
    while (this.reporting.size > 0) await Promise.all([...this.reporting]);
  }

  private eventsFor(email: OutgoingEmail, messageId: string): LocalSesEvent[] {
    const now = this.clock.now();
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
