import { z } from '@hono/zod-openapi';
import { FLAG_NAMES } from '#core/domain/candidate-flag.ts';
import { MAX_FOLLOW_UP_CHARS } from '#core/domain/follow-up.ts';
import { definedFields } from '#core/domain/optional.ts';
import { RELAY_STATUSES, type Relay } from '#core/domain/relay.ts';
import { REPLY_STATUSES } from '#core/domain/reply.ts';
import type { ConversationTurn } from '#core/use-cases/get-candidate-timeline.ts';

export const FollowUpBody = z
  .object({
    text: z
      .string()
      .min(1)
      .max(MAX_FOLLOW_UP_CHARS)
      .describe('Plain text, as the candidate will read it (no HTML; NUL and bidi overrides refused)'),
  })
  .strict()
  .openapi('FollowUp');

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{8,128}$/, 'a key of 8–128 visible characters, such as a UUID')
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'One per composed message (a random UUID): the same key sends once, however often it is posted',
      example: '0b8e3c52-5f0c-4a43-9d57-3f2b1f3c9a10',
    }),
});

export const FollowUpAccepted = z
  .object({
    relayId: z.string(),
    noticeId: z.string(),
    status: z.enum(RELAY_STATUSES).describe('`pending` until the send queue sends it'),
    created: z.boolean().describe('False: this key had already sent this follow-up; nothing new is sent'),
    answeredFeedbackRequest: z.boolean().describe("This follow-up answered the candidate's open feedback request"),
  })
  .openapi('FollowUpAccepted');

export const RelayTurnView = z.object({
  type: z.literal('relay'),
  at: z.string(),
  relayId: z.string(),
  direction: z.enum(['to-recruiter', 'to-candidate']),
  recipient: z.enum(['owner', 'candidate']).describe("Who received it; the owner's address is in `to`"),
  to: z.string().optional().describe("The owner's inbox (a candidate's address is on the candidate already)"),
  origin: z
    .enum(['candidate-reply', 'recruiter-mail', 'dashboard', 'thread-paused'])
    .describe("What caused it: a candidate's turn, the owner's answer by mail or in the dashboard, a paused thread"),
  actor: z.string().optional().describe('Who wrote a dashboard follow-up'),
  replyId: z.string().optional().describe("The candidate's reply a `to-recruiter` relay carried"),
  status: z.enum(RELAY_STATUSES),
  subject: z.string(),
  text: z.string().describe('What was relayed, as plain text: render it as text, never as HTML'),
  withheld: z.boolean().optional().describe('A hostile turn: the owner was told, without the abuse'),
  attachments: z.array(z.object({ filename: z.string(), sizeBytes: z.number().int() })).optional(),
  failureReason: z.string().optional(),
  history: z.array(z.object({ at: z.string(), status: z.enum(RELAY_STATUSES), detail: z.string() })),
});

export const ConversationTurnView = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('rejection'), at: z.string(), status: z.string(), subject: z.string().optional() }),
    z.object({
      type: z.literal('candidate'),
      at: z.string(),
      replyId: z.string(),
      status: z.enum(REPLY_STATUSES),
      text: z.string().describe('What the candidate wrote: render it as text'),
      flags: z.array(z.enum(FLAG_NAMES)),
      evidence: z.array(z.string()).describe('The sentences that raised a flag, as the candidate wrote them'),
    }),
    RelayTurnView,
  ])
  .openapi('ConversationTurn');

function toRelayTurn(relay: Relay): z.infer<typeof RelayTurnView> {
  const toOwner = relay.direction === 'to-recruiter';
  const { cause, banner } = relay;
  return {
    type: 'relay',
    at: relay.createdAt,
    relayId: relay.id,
    direction: relay.direction,
    recipient: toOwner ? 'owner' : 'candidate',
    ...(toOwner ? { to: relay.to } : {}),
    origin: cause.kind,
    ...(cause.kind === 'dashboard' ? { actor: cause.actor } : {}),
    ...(cause.kind === 'candidate-reply' ? { replyId: cause.replyId } : {}),
    status: relay.status,
    subject: relay.subject,
    text: relay.text,
    ...definedFields({ withheld: banner?.withheld }),
    ...(banner?.attachments === undefined ? {} : { attachments: banner.attachments.map((a) => ({ ...a })) }),
    ...definedFields({ failureReason: relay.failureReason }),
    history: relay.history.map((h) => ({ ...h })),
  };
}

export function toConversationTurnView(turn: ConversationTurn): z.infer<typeof ConversationTurnView> {
  if (turn.type === 'relay') return toRelayTurn(turn.relay);
  if (turn.type === 'candidate') {
    const { reply } = turn;
    return {
      type: 'candidate',
      at: turn.at,
      replyId: reply.id,
      status: reply.status,
      text: reply.text,
      flags: [...reply.flags],
      evidence: (reply.classification?.evidence ?? []).map((e) => e.sentence),
    };
  }
  return { type: 'rejection', at: turn.at, status: turn.status, ...(turn.subject ? { subject: turn.subject } : {}) };
}
