import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { buildUseCases, selectionRules } from '#composition/use-cases.ts';
import { loadConfig } from '#config/app-config.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { RecordingEvents } from '#test/fakes/recording-events.ts';
import { RecordingQueue } from '#test/fakes/recording-queue.ts';
import { dynamoDbDeliveryPorts, emulatorSesClient } from './dynamodb-delivery-ports.ts';

export interface IntegrationWorldOptions {
  /** The clock's start; it moves only when a test advances it. */
  readonly now?: string;
  /** Variables on top of the world's: a flat 60-minute send delay and no holidays. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The real adapters (a test table on the shared dynalite, the SES emulator) behind the real use cases, as
 * the composition builds them; only the send queue and the published events are recorded.
 */
export function integrationWorld(
  table: { readonly documents: DynamoDBDocumentClient; readonly tableName: string },
  options: IntegrationWorldOptions = {},
) {
  const clock = fixedClock(options.now ?? '2026-11-20T10:00:00Z');
  const queue = new RecordingQueue();
  const renderer = new CompiledTemplateRenderer(catalog);
  const config = loadConfig(
    {
      CLOSELOOP_TABLE_NAME: table.tableName,
      CLOSELOOP_SEND_DELAY_MINUTES: '60',
      CLOSELOOP_SEND_DELAYS: '[]',
      CLOSELOOP_HOLIDAYS: 'none',
      ...options.env,
    },
    'local',
  );
  const ports = {
    ...dynamoDbDeliveryPorts(table),
    mailer: new SesMailer(emulatorSesClient(), config.sesConfigurationSet),
    events: new RecordingEvents(),
    queue,
    renderer,
    clock,
    log: silentLog,
    random: Math.random,
  };
  const useCases = buildUseCases(ports, config, selectionRules(renderer.available()));
  /** `hours` later, the sweep runs and the send worker drains what it enqueued; the send outcomes. */
  const sweepAndSend = async (hours = 1) => {
    clock.advance(hours * 3_600_000);
    await useCases.sweep();
    const outcomes = [];
    for (const id of queue.take()) outcomes.push(await useCases.sendNotice(id));
    return outcomes;
  };
  return { clock, queue, config, ports, useCases, sweepAndSend };
}
