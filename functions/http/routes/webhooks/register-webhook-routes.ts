import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { WebhookSettings } from '#config/webhook-config.ts';
import type { DeliveryOutcome } from '#core/domain/ats-event.ts';
import {
  AuthenticationError,
  PayloadTooLargeError,
  StaleSignatureError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Clock } from '#core/ports/clock.ts';
import { type IntakeMeter, silentIntakeMeter, type WebhookRefusal } from '#core/ports/intake-meter.ts';
import type { LeverApi } from '#core/ports/lever-api.ts';
import type { Log } from '#core/ports/log.ts';
import type { SecretStore } from '#core/ports/secret-store.ts';
import type { WorkableApi } from '#core/ports/workable-api.ts';
import type { ReceiveAtsEvent } from '#core/use-cases/receive-ats-event.ts';
import type { AuthEnv } from '../../auth.ts';
import { problemResponse } from '../../schemas/problem.ts';
import { ashby } from './ashby.ts';
import { generic } from './generic.ts';
import { greenhouse } from './greenhouse.ts';
import { lever } from './lever.ts';
import type { RawDelivery, SourceContext, WebhookSourceAdapter } from './webhook-source.ts';
import { workable } from './workable.ts';

export interface WebhookDeps {
  readonly receive: ReceiveAtsEvent;
  readonly secrets: SecretStore;
  readonly lever: LeverApi;
  /** Who recruits for a Workable job; absent when `WORKABLE_API_URL` is unset (the default inbox owns them). */
  readonly workable?: WorkableApi;
  readonly settings: WebhookSettings;
  readonly clock: Clock;
  readonly log: Log;
  /** Refusals (signature, stale, schema) and accepted deliveries, per source; unset, nothing is counted. */
  readonly meter?: IntakeMeter;
}

/** Every ATS payload Closeloop acts on is a few KiB; anything larger is refused before it is read. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export const WEBHOOK_ADAPTERS: readonly WebhookSourceAdapter[] = [greenhouse, lever, ashby, workable, generic];

const OUTCOME_HEADER = 'Closeloop-Outcome';
const REASON_HEADER = 'Closeloop-Reason';

const WebhookAnswer = z
  .object({
    status: z.enum(['accepted', 'duplicate', 'ignored', 'ok']),
    deliveryId: z.string().optional(),
    action: z
      .enum(['recorded', 'rescheduled', 'cancelled', 'cancel-too-late', 'cancel-recorded'])
      .optional()
      .describe('What an accepted delivery did'),
    reason: z.string().optional().describe('Why nothing new happened (duplicate, ignored)'),
    decisionKey: z.string().optional(),
    noticeId: z.string().optional(),
    sendAt: z.string().optional(),
    noEmailReason: z.string().optional(),
  })
  .openapi('WebhookAnswer');

const requireJson: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
    throw new UnsupportedMediaTypeError('Webhooks are accepted as application/json only');
  }
  await next();
};

const limit = bodyLimit({
  maxSize: MAX_WEBHOOK_BODY_BYTES,
  onError: () => {
    throw new PayloadTooLargeError(`The body is larger than ${MAX_WEBHOOK_BODY_BYTES / 1024} KiB`);
  },
});

/** Longest `Closeloop-Reason` header: a reason quotes vendor values (an unknown action), which can be any size. */
export const MAX_REASON_HEADER_CHARS = 200;

/**
 * A reason as a header value: visible ASCII only and bounded. The reason may quote what the vendor sent, and a
 * header cannot carry line breaks (they would inject headers), control characters or non-Latin-1 text (Node
 * refuses them), or kilobytes (clients refuse the answer). The JSON body keeps the reason as it is.
 */
export function reasonHeaderValue(reason: string): string {
  const visible = reason.replace(/[^\x20-\x7e]+/g, '?');
  return visible.length > MAX_REASON_HEADER_CHARS ? `${visible.slice(0, MAX_REASON_HEADER_CHARS - 3)}...` : visible;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('The body is not valid JSON; nothing was recorded.', [
      { field: '(body)', message: 'not valid JSON' },
    ]);
  }
}

/** Why a delivery was refused, as the refusal metric counts it; anything else is not a refusal of the sender's. */
export function refusalOf(error: unknown): WebhookRefusal | undefined {
  if (error instanceof StaleSignatureError) return 'stale';
  if (error instanceof AuthenticationError) return 'signature';
  if (error instanceof ValidationError) return 'schema';
  return undefined;
}

/**
 * Runs the verification and the reading of a delivery; a refusal is logged and counted per source and reason (the
 * alarms on silent loss watch it), then answered as before (401 or 400).
 */
function refusalsCounted(log: Log) {
  return async <T>(meter: IntakeMeter, source: string, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (e: unknown) {
      const reason = refusalOf(e);
      if (reason !== undefined) {
        log.warn('webhook refused', { source, reason, why: e instanceof Error ? e.message : String(e) });
        meter.refused(source, reason);
      }
      throw e;
    }
  };
}

function answer(c: Context, deliveryId: string, outcome: DeliveryOutcome, always200: boolean): Response {
  c.header(OUTCOME_HEADER, outcome.status);
  if (outcome.status === 'ignored') {
    c.header(REASON_HEADER, reasonHeaderValue(outcome.reason));
    return always200 ? c.json({ status: 'ignored', deliveryId, reason: outcome.reason }, 200) : c.body(null, 204);
  }
  if (outcome.status === 'duplicate') return c.json({ ...outcome, deliveryId }, 200);
  return c.json({ ...outcome, deliveryId }, always200 ? 200 : 202);
}

/**
 * `POST /webhooks/{source}` for each ATS: signature-verified instead of bearer-authenticated. Every request
 * goes the same way: media type (415), size (413), signature over the raw bytes (401, before anything is
 * parsed), payload (400 naming fields), then the use case; 202 means the decision is durable.
 */
export function registerWebhookRoutes(app: OpenAPIHono<AuthEnv>, deps: WebhookDeps): void {
  const meter = deps.meter ?? silentIntakeMeter;
  const counted = refusalsCounted(deps.log);
  for (const source of WEBHOOK_ADAPTERS) {
    const path = `/webhooks/${source.name}`;
    app.post(path, requireJson, limit, async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      const delivery: RawDelivery = { body, text: body.toString('utf8'), header: (name) => c.req.header(name) };
      const context: SourceContext = {
        settings: deps.settings,
        lever: deps.lever,
        ...definedFields({ workable: deps.workable }),
        now: deps.clock.now(),
        log: deps.log,
      };

      const secrets = await deps.secrets.get(source.name);
      const interpretation = await counted(meter, source.name, async () => {
        source.authenticate(delivery, secrets, context);
        return source.interpret(parseJson(delivery.text), delivery, context);
      });
      if (interpretation.kind === 'ping') return c.json({ status: 'ok' }, 200);

      const outcome = await deps.receive({
        source: source.name,
        deliveryId: interpretation.deliveryId,
        event: interpretation.event,
      });
      if (outcome.status === 'accepted') meter.received(source.name, 1);
      return answer(c, interpretation.deliveryId, outcome, deps.settings.answer200.has(source.name));
    });

    app.openAPIRegistry.registerPath({
      method: 'post',
      path,
      tags: ['Webhooks'],
      summary: `${source.name[0]?.toUpperCase()}${source.name.slice(1)} webhook`,
      description: `${source.description} See docs/webhooks.md.`,
      request: {
        body: { required: true, content: { 'application/json': { schema: z.object({}).passthrough() } } },
      },
      responses: {
        202: {
          description: 'Accepted: the decision (or its reversal) is durable',
          content: { 'application/json': { schema: WebhookAnswer } },
        },
        200: {
          description: 'A duplicate (nothing new happened), or a ping',
          content: { 'application/json': { schema: WebhookAnswer } },
        },
        204: { description: 'The event is not one Closeloop acts on; `Closeloop-Reason` says why' },
        400: problemResponse('The payload cannot be read; `errors` names each field'),
        401: problemResponse('Signature missing, wrong or too old (no detail is given)'),
        413: problemResponse(`Body over ${MAX_WEBHOOK_BODY_BYTES / 1024} KiB`),
        415: problemResponse('Not application/json'),
        503: problemResponse('An upstream API (Lever) failed; retry later'),
      },
    });
  }
}
