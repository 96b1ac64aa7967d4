import { EnvSecretStore } from '#adapters/secrets/env-secret-store.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { receiveAtsEventFrom, selectionRules } from '#composition/use-cases.ts';
import type { AppConfig } from '#config/app-config.ts';
import type { WebhookSource } from '#config/webhook-config.ts';
import { loadWebhookSettings } from '#config/webhook-config.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { DecisionRepository } from '#core/ports/decision-repository.ts';
import type { DeliveryLog } from '#core/ports/delivery-log.ts';
import type { ErasureLog } from '#core/ports/erasure-log.ts';
import type { EventPublisher } from '#core/ports/event-publisher.ts';
import type { IntakeMeter } from '#core/ports/intake-meter.ts';
import type { LeverApi } from '#core/ports/lever-api.ts';
import { silentLog } from '#core/ports/log.ts';
import type { NoticeRepository } from '#core/ports/notice-repository.ts';
import type { WorkableApi } from '#core/ports/workable-api.ts';
import type { GetNotice } from '#core/use-cases/get-notice.ts';
import type { RecordDecisions } from '#core/use-cases/record-decisions.ts';
import { createApp } from '#http/app.ts';
import { devTokenAuthenticator } from '#http/auth.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { InMemoryErasureLog } from '../fakes/in-memory-erasure-log.ts';
import type { SignedRequest } from './webhook-fixtures.ts';

export const API_TOKEN = 'test-token-0123456789';

export interface WebhookAppWorld {
  readonly decisions: DecisionRepository;
  readonly notices: NoticeRepository;
  readonly events: EventPublisher;
  readonly deliveries: DeliveryLog;
  /** Erasure receipts and erased applications; an empty in-memory log when not given. */
  readonly erasures?: Pick<ErasureLog, 'get' | 'erasedApplication'>;
  readonly clock: Clock;
  readonly config: AppConfig;
  readonly recordDecisions: RecordDecisions;
  readonly getNotice: GetNotice;
}

/** The Hono app with its webhook routes wired to the given world (in-memory fakes or dynalite alike). */
export function webhookApp(
  world: WebhookAppWorld,
  options: { lever: LeverApi; workable?: WorkableApi; env?: NodeJS.ProcessEnv; meter?: IntakeMeter },
) {
  const env = options.env ?? {};
  const settings = loadWebhookSettings(env);
  const receive = receiveAtsEventFrom(
    { ...world, erasures: world.erasures ?? new InMemoryErasureLog(), log: silentLog },
    world.config,
    selectionRules(new CompiledTemplateRenderer(catalog).available()),
    { deliveryRetentionDays: settings.deliveryRetentionDays },
  );
  const deps = {
    authenticate: devTokenAuthenticator(API_TOKEN),
    log: silentLog,
    recordDecisions: world.recordDecisions,
    getNotice: world.getNotice,
    defaultRecruiterInbox: world.config.defaultRecruiterInbox,
    ...definedFields({ meter: options.meter }),
    webhooks: {
      receive,
      secrets: new EnvSecretStore(env),
      lever: options.lever,
      ...definedFields({ workable: options.workable }),
      settings,
      clock: world.clock,
      log: silentLog,
      ...definedFields({ meter: options.meter }),
    },
  };
  const app = createApp(deps);
  const post = (source: WebhookSource, request: SignedRequest) =>
    app.request(`/webhooks/${source}`, { method: 'POST', headers: request.headers, body: request.body });
  return { app, deps, post, receive, settings };
}
