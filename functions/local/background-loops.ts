import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { InProcessEventBus } from '#adapters/local/in-process-event-bus.ts';
import { InProcessQueue } from '#adapters/local/in-process-queue.ts';
import { readAcceptedMessages } from '#adapters/local/ses-emulator-store.ts';
import { type LocalSesEvent, SimulatedSesEvents } from '#adapters/local/simulated-ses-events.ts';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import type { AppConfig } from '#config/app-config.ts';
import { errorMessage } from '#core/domain/error-message.ts';
import { definedFields } from '#core/domain/optional.ts';
import { systemClock } from '#core/ports/clock.ts';
import type { Log } from '#core/ports/log.ts';
import type { NoticeRepository } from '#core/ports/notice-repository.ts';
import type { RelayRepository } from '#core/ports/relay-repository.ts';
import type { SendNotice, SendOutcome } from '#core/use-cases/send-notice.ts';
import type { RelaySendOutcome, SendRelay } from '#core/use-cases/send-relay.ts';
import type { SweepDueNotices } from '#core/use-cases/sweep-due-notices.ts';
import type { TrackDelivery } from '#core/use-cases/track-delivery.ts';
import type { TrackRelay } from '#core/use-cases/track-relay.ts';
import { makeTrackHandler } from '#handlers/make-track-handler.ts';
import type { LocalSweepResult } from '#http/routes/local.ts';
import { LOCAL_REGION } from './emulators.ts';
import { REPLAY_WINDOW_MS, replayUnreportedSesEvents } from './replay-unreported-ses-events.ts';

/** What the loops run: the send, the sweep, tracking, and the reply path the mailbox simulator answers through. */
export interface LoopConsumers {
  readonly sendNotice: SendNotice;
  readonly sweep: SweepDueNotices;
  readonly trackDelivery: TrackDelivery;
  /** Relays share the queue and its rate, as they share SQS and the send function in AWS. */
  readonly sendRelay?: SendRelay;
  readonly trackRelay?: TrackRelay;
  readonly inbound: (raw: Uint8Array) => Promise<unknown>;
  /** Writes the send counts the send use case kept in memory (a BufferedReputationLedger's flush). */
  readonly flushSendCounts?: () => Promise<void>;
}

/**
 * The in-process stand-ins for what AWS runs between the functions: the decisions bus, the send queue and its
 * consumer, and SES's event publishing (simulated after each accepted message, on a bus of its own as on the
 * default bus in AWS). The use cases need the bus, the queue and the mailer, and the loops run the use cases:
 * so the loops are built first and `connect`ed to the use cases once those are wired.
 */
export class LocalLoops {
  readonly events: InProcessEventBus;
  readonly queue: InProcessQueue;
  readonly mailer: SimulatedSesEvents;
  /** The last send outcome of each notice the queue processed (benches and tests read it). */
  readonly outcomes = new Map<string, SendOutcome>();
  /** The same for relays. */
  readonly relayOutcomes = new Map<string, RelaySendOutcome>();
  private readonly sesEvents: InProcessEventBus<LocalSesEvent>;
  private consumers: LoopConsumers | undefined;
  // The latest instant `/local/sweep?now=` ran as of: sends judge and grant leases as of it (send-notice.ts).
  private sweptAsOf: Date | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    ses: SESv2Client,
    config: AppConfig,
    options: { readonly sendRatePerSecond: number },
    private readonly log: Log,
  ) {
    this.events = new InProcessEventBus(log);
    this.sesEvents = new InProcessEventBus<LocalSesEvent>(log);
    this.mailer = new SimulatedSesEvents(
      new SesMailer(ses, config.sesConfigurationSet),
      (event) => this.sesEvents.deliver(event),
      systemClock,
      {
        region: LOCAL_REGION,
        ...definedFields({ configurationSet: config.sesConfigurationSet }),
        // The mailbox simulator's out-of-office answers come in through the reply path.
        autoReply: async (raw) => {
          await this.consumers?.inbound(raw);
        },
      },
    );
    this.queue = new InProcessQueue(
      async (noticeId) => {
        const send = this.wired().sendNotice;
        this.outcomes.set(noticeId, await send(noticeId, this.sweptAsOf === undefined ? {} : { asOf: this.sweptAsOf }));
        // The last message in flight writes the counts: once per queue drain, as the Lambda does once per batch.
        if (this.queue.depth <= 1) await this.flushSendCounts();
      },
      {
        ratePerSecond: options.sendRatePerSecond,
        concurrency: 8,
        maxReceives: 5,
        retryDelayMs: 2_000,
        consumeRelay: async (relayId) => {
          const send = this.wired().sendRelay;
          if (send === undefined) throw new Error('a relay message, and no relay sending wired');
          this.relayOutcomes.set(relayId, await send(relayId));
        },
      },
      log,
    );
  }

  /** Hands SES events to tracking, and reports what the emulator accepted before a killed run could. */
  async connect(
    consumers: LoopConsumers,
    replay: {
      sesUrl: string;
      sesToken: string;
      notices: Pick<NoticeRepository, 'get'>;
      relays?: Pick<RelayRepository, 'get'>;
    },
  ) {
    this.consumers = consumers;
    const track = makeTrackHandler({
      trackDelivery: consumers.trackDelivery,
      ...definedFields({ trackRelay: consumers.trackRelay }),
      log: this.log,
    });
    this.sesEvents.subscribe('aws.ses', async ({ event }) => {
      await track(event);
    });
    await replayUnreportedSesEvents({
      accepted: await readAcceptedMessages(replay.sesUrl, new Date(Date.now() - REPLAY_WINDOW_MS), replay.sesToken),
      notices: replay.notices,
      ...definedFields({ relays: replay.relays }),
      ses: this.mailer,
      log: this.log,
    });
  }

  /** Resolves once the queue is empty and every event (domain and SES) has been handled. */
  async settled(): Promise<void> {
    // Tracking can defer a notice but never enqueues; one pass of each is enough, repeated until all are idle.
    do {
      await this.queue.drain();
      await this.flushSendCounts();
      await this.mailer.settled();
      await this.sesEvents.settled();
      await this.events.settled();
    } while (this.queue.depth > 0);
  }

  private async flushSendCounts(): Promise<void> {
    try {
      await this.consumers?.flushSendCounts?.();
    } catch (e: unknown) {
      // Kept for the next drain: the sends themselves are recorded, only their count waits.
      this.log.warn('could not write the send counts; kept for the next drain', {
        error: errorMessage(e),
      });
    }
  }

  /** `/local/sweep`: sweeps as of `now` and waits until what it enqueued has been sent and tracked. */
  async sweepAndDrain(now: Date | undefined): Promise<LocalSweepResult> {
    if (now !== undefined && (this.sweptAsOf === undefined || now > this.sweptAsOf)) this.sweptAsOf = now;
    const result = await this.wired().sweep(now);
    await this.settled();
    const counts: Record<string, number> = {};
    for (const id of result.noticeIds) {
      const outcome = this.outcomes.get(id) ?? 'pending';
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
    return { now: result.now, found: result.found, enqueued: result.enqueued, outcomes: counts };
  }

  /** Sweeps every `intervalMs` in the background (0: never; tests drive it through `/local/sweep`). */
  startSweepTimer(intervalMs: number): void {
    if (intervalMs <= 0) return;
    let sweeping = false;
    this.timer = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      this.wired()
        .sweep()
        .catch((e: unknown) => this.log.error('background sweep failed', { error: errorMessage(e) }))
        .finally(() => {
          sweeping = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.queue.stop();
    await this.queue.drain();
    await this.mailer.settled();
    await this.sesEvents.settled();
    await this.events.settled();
  }

  private wired(): LoopConsumers {
    if (this.consumers === undefined) throw new Error('the loops ran before the use cases were wired');
    return this.consumers;
  }
}
