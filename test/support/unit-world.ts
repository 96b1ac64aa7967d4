import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { buildUseCases, selectionRules } from '#composition/use-cases.ts';
import { loadConfig } from '#config/app-config.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { InMemoryDecisionRepository } from '../fakes/in-memory-decision-repository.ts';
import { InMemoryErasureLog } from '../fakes/in-memory-erasure-log.ts';
import { InMemoryNoticeRepository } from '../fakes/in-memory-notice-repository.ts';
import { InMemoryReputationLedger } from '../fakes/in-memory-reputation-ledger.ts';
import { InMemorySendingControl } from '../fakes/in-memory-sending-control.ts';
import { InMemorySuppressionRepository } from '../fakes/in-memory-suppression-repository.ts';
import { RecordingEvents } from '../fakes/recording-events.ts';
import { RecordingMailer } from '../fakes/recording-mailer.ts';
import { RecordingQueue } from '../fakes/recording-queue.ts';

/** The use cases wired to in-memory fakes and a fixed clock: the unit tests' world. */
export function unitWorld(options: { now?: string; env?: NodeJS.ProcessEnv } = {}) {
  const clock = fixedClock(options.now ?? '2026-11-20T10:00:00Z');
  const ports = {
    decisions: new InMemoryDecisionRepository(),
    erasures: new InMemoryErasureLog(),
    notices: new InMemoryNoticeRepository(),
    suppressions: new InMemorySuppressionRepository(),
    control: new InMemorySendingControl(),
    ledger: new InMemoryReputationLedger(),
    mailer: new RecordingMailer(),
    events: new RecordingEvents(),
    queue: new RecordingQueue(),
    renderer: new CompiledTemplateRenderer(catalog),
    clock,
    log: silentLog,
    random: () => 0.5,
  };
  // One flat delay and every day a sending day, so a story's clock arithmetic stays simple; the send policy's own
  // tests cover stages, business hours and holidays.
  const config = loadConfig(
    {
      CLOSELOOP_SEND_DELAY_MINUTES: '60',
      CLOSELOOP_SEND_DELAYS: '[]',
      CLOSELOOP_SEND_WINDOW: '00:00-24:00',
      CLOSELOOP_SEND_DAYS: 'mon-sun',
      CLOSELOOP_HOLIDAYS: 'none',
      ...options.env,
    },
    'local',
  );
  const useCases = buildUseCases(ports, config, selectionRules(ports.renderer.available(), config.templateSelection));
  /** Sweeps as of now and sends everything enqueued, as the queue consumer would. */
  const sweepAndSend = async () => {
    await useCases.sweep();
    const outcomes = [];
    for (const id of ports.queue.take()) outcomes.push(await useCases.sendNotice(id));
    return outcomes;
  };
  return { ...ports, ports, clock, config, ...useCases, sweepAndSend };
}
