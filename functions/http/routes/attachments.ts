import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { contentDisposition } from '#core/domain/attachment-download.ts';
import type { GetReplyAttachment } from '#core/use-cases/get-reply-attachment.ts';
import { type AuthEnv, requireRole } from '../auth.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

export interface AttachmentDeps {
  readonly getReplyAttachment: GetReplyAttachment;
}

const route = createRoute({
  method: 'get',
  path: '/replies/{id}/attachments/{index}',
  tags: ['Replies'],
  summary: 'Download an attachment a candidate sent (read again from the raw message)',
  description:
    'Always a download (`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`), typed `application/octet-stream` unless it is a PDF, a PNG, JPEG or GIF image, plain text or a Word document. `index` counts the message’s attachments from 0, as relays list them. Any role.',
  security: [{ bearer: [] }],
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^r_[a-z2-7]{26}$/, 'a reply id such as r_…')
        .openapi({ param: { name: 'id', in: 'path' }, example: 'r_abcdefghijklmnopqrstuvwxyz' }),
      index: z
        .string()
        .regex(/^(0|[1-9][0-9]{0,2})$/, 'an attachment number from 0')
        .transform(Number)
        .openapi({ param: { name: 'index', in: 'path' }, example: '0' }),
    }),
  },
  responses: {
    200: {
      description: 'The attachment',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    400: problemResponse('Malformed id or index'),
    ...authProblems,
    404: problemResponse('No such reply or attachment, or the raw message expired or was erased'),
    413: problemResponse("The attachment is above the download cap (4 MB, within Lambda's 6 MB response limit)"),
  },
});

export function registerAttachmentRoutes(app: OpenAPIHono<AuthEnv>, deps: AttachmentDeps): void {
  app.openapi(route, async (c) => {
    requireRole(c, 'viewer', 'recruiter', 'admin');
    const { id, index } = c.req.valid('param');
    const file = await deps.getReplyAttachment(id, index);
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.filename),
      'x-content-type-options': 'nosniff',
      // Even if a browser were to open it, nothing in it runs or loads.
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    });
  });
}
