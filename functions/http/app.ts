import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '#core/domain/errors.ts';
import type { CallerEmails } from '#core/ports/caller-emails.ts';
import type { IntakeMeter } from '#core/ports/intake-meter.ts';
import type { Log } from '#core/ports/log.ts';
import type { GetNotice } from '#core/use-cases/get-notice.ts';
import type { ManageSending } from '#core/use-cases/manage-sending.ts';
import type { ManageSuppressions } from '#core/use-cases/manage-suppressions.ts';
import type { RecordDecisions } from '#core/use-cases/record-decisions.ts';
import { type AuthEnv, type Authenticator, requireAuth, roleGate } from './auth.ts';
import { issuesFromZod, problemJson, toProblem } from './problem.ts';
import { requestIdHeader } from './request-id.ts';
import { type AttachmentDeps, registerAttachmentRoutes } from './routes/attachments.ts';
import { type CandidateDeps, registerCandidateRoutes } from './routes/candidates.ts';
import { type ConversationDeps, registerConversationRoutes } from './routes/conversations.ts';
import { isCsv, registerDecisionRoutes } from './routes/decisions.ts';
import { type FlagDeps, registerFlagRoutes } from './routes/flags.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { type LocalDeps, registerLocalRoutes } from './routes/local.ts';
import { registerMeRoutes } from './routes/me.ts';
import { type NoticeActionDeps, registerNoticeActionRoutes } from './routes/notice-actions.ts';
import { type NoticeListDeps, registerNoticeListRoutes } from './routes/notice-list.ts';
import { registerNoticeRoutes } from './routes/notices.ts';
import { type PreviewDeps, registerPreviewRoutes } from './routes/previews.ts';
import { type ReplyDeps, registerReplyRoutes } from './routes/replies.ts';
import { registerSendingControlRoutes } from './routes/sending-control.ts';
import { registerStatsRoutes, type StatsDeps } from './routes/stats.ts';
import { registerSuppressionRoutes } from './routes/suppressions.ts';
import { registerWebhookRoutes, type WebhookDeps } from './routes/webhooks/register-webhook-routes.ts';

export interface AppDeps {
  readonly authenticate: Authenticator;
  /** The address of a caller whose token names only a user name (`GET /me`); Cognito's user pool in AWS. */
  readonly callerEmails?: CallerEmails;
  readonly log: Log;
  /** Counts decisions received (`POST /decisions` as source `api`); the webhooks have their own in `webhooks`. */
  readonly meter?: IntakeMeter;
  readonly recordDecisions: RecordDecisions;
  readonly getNotice: GetNotice;
  /** Owns candidates whose decision named no recruiter's inbox; shown as their owner (`ownerOf`). */
  readonly defaultRecruiterInbox: string;
  /** Resend, cancel and change owner (`POST /notices/{id}/resend|cancel`, `PUT /notices/{id}/owner`). */
  readonly noticeActions?: NoticeActionDeps;
  /** The recruiter's workspace: `GET /notices` (JSON or CSV) and `GET /notices/counts`. */
  readonly noticeList?: NoticeListDeps;
  /** The sending switch (`/admin/sending`). */
  readonly sending?: ManageSending;
  /** The ATS webhooks (`POST /webhooks/{source}`); without them those routes answer 404. */
  readonly webhooks?: WebhookDeps;
  /** Confirm, dismiss and read candidate flags (the reply flow). */
  readonly flags?: FlagDeps;
  /** Unmatched replies, for recruiters. */
  readonly replies?: ReplyDeps;
  /** Flagged candidates, timelines and erasure (`/candidates`). */
  readonly candidates?: CandidateDeps;
  /** Follow-ups from the dashboard and feedback requests marked answered (issue 14). */
  readonly conversations?: ConversationDeps;
  /** Candidates' attachments, read again from the raw message (`/replies/{id}/attachments/{index}`). */
  readonly attachments?: AttachmentDeps;
  /** The loop-closing record (`/stats`). */
  readonly stats?: StatsDeps;
  /** The suppression list recruiters manage (`/suppressions`). */
  readonly suppressions?: ManageSuppressions;
  /** Template × locale previews with sample data, and a notice's email (`/templates`, `/notices/{id}/preview`). */
  readonly previews?: PreviewDeps;
  /** Present only in the local stack. */
  readonly local?: LocalDeps;
}

/** JSON bodies above this are refused before parsing (a batch of 500 decisions fits well within it). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * A CSV file of decisions may be larger: 5,000 rows of about 200 bytes, more with personal notes. Lambda takes a
 * request of at most 6 MB (the HTTP API 10 MB); should the gateway base64-encode the body (4/3 larger), 4 MB
 * still fits with room for the event around it.
 */
export const MAX_CSV_BODY_BYTES = 4 * 1024 * 1024;

/** The recruiter API and the ATS webhooks: one Hono app, hosted by Lambda in AWS and by node locally. */
export function createApp(deps: AppDeps): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationError('The request is invalid.', issuesFromZod(result.error));
    },
  });

  app.use('*', requestIdHeader);
  app.onError((error, c) => problemJson(c, toProblem(error, c.req.path, deps.log)));
  app.notFound((c) =>
    problemJson(c, {
      type: 'https://closeloop.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      instance: c.req.path,
    }),
  );

  const json = bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(`The body is larger than ${MAX_JSON_BODY_BYTES} bytes`);
    },
  });
  // Recording a decision sends email: viewers (and users in no group) read only.
  app.use('/decisions', requireAuth(deps.authenticate), roleGate('recruiter', 'admin'));
  // `/notices/*` covers `/notices` too (Hono's trailing wildcard matches the bare path).
  app.use('/notices/*', requireAuth(deps.authenticate));
  app.use('/me', requireAuth(deps.authenticate));
  // `/candidates/*` covers `/candidates` too (Hono's trailing wildcard matches the bare path).
  app.use('/candidates/*', requireAuth(deps.authenticate), json);
  app.use('/stats', requireAuth(deps.authenticate));
  app.use('/replies/*', requireAuth(deps.authenticate));
  app.use('/admin/*', requireAuth(deps.authenticate));
  // `/templates/*` covers `/templates` too.
  app.use('/templates/*', requireAuth(deps.authenticate));
  app.use('/suppressions/*', requireAuth(deps.authenticate), json);
  app.use('/notices/*', json);
  app.use('/admin/*', json);
  const csv = bodyLimit({
    maxSize: MAX_CSV_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(`The file is larger than ${MAX_CSV_BODY_BYTES} bytes`);
    },
  });
  app.use('/decisions', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    if (isCsv(c.req.header('content-type'))) return csv(c, next);
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      throw new UnsupportedMediaTypeError('Send the body as application/json, or a file as text/csv');
    }
    return json(c, next);
  });

  registerHealthRoutes(app);
  registerDecisionRoutes(app, deps);
  if (deps.noticeList) registerNoticeListRoutes(app, deps.noticeList, deps.defaultRecruiterInbox);
  registerNoticeRoutes(app, deps);
  registerMeRoutes(app, { callerEmails: deps.callerEmails, log: deps.log });
  if (deps.noticeActions) registerNoticeActionRoutes(app, deps.noticeActions, deps.defaultRecruiterInbox);
  if (deps.sending) registerSendingControlRoutes(app, { sending: deps.sending });
  if (deps.webhooks) registerWebhookRoutes(app, deps.webhooks);
  if (deps.flags) registerFlagRoutes(app, deps.flags);
  if (deps.replies) registerReplyRoutes(app, deps.replies);
  if (deps.candidates) registerCandidateRoutes(app, deps.candidates, deps.defaultRecruiterInbox);
  if (deps.conversations) registerConversationRoutes(app, deps.conversations);
  if (deps.attachments) registerAttachmentRoutes(app, deps.attachments);
  if (deps.stats) registerStatsRoutes(app, deps.stats);
  if (deps.suppressions) registerSuppressionRoutes(app, deps.suppressions);
  if (deps.previews) registerPreviewRoutes(app, deps.previews);
  if (deps.local) registerLocalRoutes(app, deps.local, deps.authenticate);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A Cognito access token in AWS; the dev token printed by `npm start` locally',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Closeloop API',
      version: '1.0.0',
      description: 'Rejection decisions in; kind emails, delivery tracking and reply flags out.',
    },
  });
  return app;
}
