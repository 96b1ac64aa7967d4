import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '#core/domain/errors.ts';
import { RELAY_DIRECTIONS, RELAY_STATUSES } from '#core/domain/relay.ts';
import { MAX_INBOUND_MAIL_BYTES } from '#core/domain/reply.ts';
import { type AuthEnv, type Authenticator, requireAuth, roleGate } from '../auth.ts';
import { ReplyView } from '../schemas/reply.ts';

export interface LocalSweepResult {
  readonly now: string;
  readonly found: number;
  readonly enqueued: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface LocalDeps {
  /** Runs the sweep as of `now` and waits until what it enqueued has been processed. */
  readonly sweepAndDrain: (now: Date | undefined) => Promise<LocalSweepResult>;
  /** Runs raw RFC 822 bytes through the reply flow, as the reply function does for SES; absent: no route. */
  readonly inbound?: (raw: Uint8Array) => Promise<LocalInboundResult>;
}

const RelayRef = z.object({ id: z.string(), direction: z.enum(RELAY_DIRECTIONS), status: z.enum(RELAY_STATUSES) });

export interface LocalInboundResult {
  readonly duplicate: boolean;
  /** The reply recorded; absent when a recruiter's answer was relayed (`relay`) instead. */
  readonly reply?: z.infer<typeof ReplyView>;
  readonly relay?: z.infer<typeof RelayRef>;
}

/** Above this the local route answers 413 without recording anything; up to it, the use case's limit applies. */
const LOCAL_INBOUND_BODY_LIMIT = MAX_INBOUND_MAIL_BYTES + 1024 * 1024;

const inboundRoute = createRoute({
  method: 'post',
  path: '/local/inbound',
  tags: ['Local only'],
  summary: 'Receive a raw email as if SES had (local stack only)',
  description:
    'Takes a raw RFC 822 message as the body (`Content-Type: message/rfc822`, nothing else) and runs the reply flow: ' +
    'parse, auto-reply rules, correlation, quote stripping, classification, flags. Answers with the recorded reply. ' +
    "A recruiter's answer to a relayed turn is posted here too: To the relay's Reply-To (`recruiter+<token>@<reply domain>`), " +
    "From the owning recruiter. Like SES, the route prepends SES's verdicts (`Authentication-Results: amazonses.com; …`, " +
    'spam and virus) to every message, passing for the From domain, so an `Authentication-Results` the message carries ' +
    'itself is ignored; a dev-only header plays others, e.g. `X-Closeloop-Local-Verdict: spf=fail dkim=fail` (keys ' +
    '`spf`, `dkim`, `dmarc`, `spam`, `virus`, and `domain`, the one SPF and DKIM vouch for) to see a refusal. Answers ' +
    'once what the message queued (its relay) has been sent and its delivery simulated (20 s at most, behind a backlog ' +
    'of notices), so the relayed copy is already in the mail viewer.',
  security: [{ bearer: [] }],
  request: {
    body: { required: true, content: { 'message/rfc822': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: {
    200: {
      description:
        "The reply as recorded (`duplicate`: the same Message-ID was processed before), or, for a recruiter's " +
        'answer to a `recruiter+<token>@` address, the relay to the candidate it became',
      content: {
        'application/json': {
          schema: z.object({ duplicate: z.boolean(), reply: ReplyView.optional(), relay: RelayRef.optional() }),
        },
      },
    },
    400: { description: 'Empty body' },
    401: { description: 'Missing or invalid dev token' },
    403: { description: 'The viewer token (needs the recruiter or admin role)' },
    413: { description: 'Larger than SES would ever deliver' },
    415: { description: 'The body is not sent as message/rfc822' },
  },
});

const sweepRoute = createRoute({
  method: 'post',
  path: '/local/sweep',
  tags: ['Local only'],
  summary: 'Run the sweep now (local stack only)',
  description: 'Sends every notice due at `now` (default: the current time) and answers once they are processed.',
  security: [{ bearer: [] }],
  request: { query: z.object({ now: z.iso.datetime({ offset: true }).optional() }) },
  responses: {
    200: {
      description: 'The sweep ran',
      content: {
        'application/json': {
          schema: z.object({
            now: z.string(),
            found: z.number().int(),
            enqueued: z.number().int(),
            outcomes: z.record(z.string(), z.number().int()),
          }),
        },
      },
    },
    401: { description: 'Missing or invalid dev token' },
    403: { description: 'The viewer token (needs the recruiter or admin role)' },
  },
});

/** The one type `/local/inbound` takes: a cross-site form or fetch cannot send it without a CORS preflight. */
const RFC822 = 'message/rfc822';

/**
 * Mounted only by the local stack; the Lambda host never registers these. They drive sends and inject replies
 * that raise flags, so they take the dev token like the recruiter API: without it any web page the developer
 * visits could post to them.
 */
export function registerLocalRoutes(app: OpenAPIHono<AuthEnv>, deps: LocalDeps, authenticate: Authenticator): void {
  app.use('/local/*', requireAuth(authenticate), roleGate('recruiter', 'admin'));
  const inbound = deps.inbound;
  if (inbound !== undefined) {
    app.use(
      '/local/inbound',
      async (c, next) => {
        const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
        if (c.req.method === 'POST' && type !== RFC822) {
          throw new UnsupportedMediaTypeError(`Send the raw message as ${RFC822}`);
        }
        await next();
      },
      bodyLimit({
        maxSize: LOCAL_INBOUND_BODY_LIMIT,
        onError: () => {
          throw new PayloadTooLargeError(`The message is larger than ${LOCAL_INBOUND_BODY_LIMIT} bytes`);
        },
      }),
    );
    // The body is raw bytes, read here rather than validated as JSON or text.
    app.openapi(inboundRoute, async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (raw.byteLength === 0) {
        throw new ValidationError('The body is empty: send a raw RFC 822 message.', [
          { field: '(body)', message: 'Required' },
        ]);
      }
      return c.json(await inbound(raw), 200);
    });
  }
  app.openapi(sweepRoute, async (c) => {
    const { now } = c.req.valid('query');
    return c.json(await deps.sweepAndDrain(now === undefined ? undefined : new Date(now)), 200);
  });
}
