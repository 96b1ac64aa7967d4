import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { PreviewNotice } from '#core/use-cases/preview-notice.ts';
import type { TemplatePreviews } from '#core/use-cases/preview-template.ts';
import type { AuthEnv } from '../auth.ts';
import { NoticePreviewView, TemplateList, TemplatePreviewView } from '../schemas/preview.ts';
import { authProblems, problemResponse } from '../schemas/problem.ts';

export interface PreviewDeps {
  readonly templates: TemplatePreviews;
  readonly previewNotice: PreviewNotice;
}

const listRoute = createRoute({
  method: 'get',
  path: '/templates',
  tags: ['Templates'],
  summary: 'The email templates and the locales each is written in',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'Templates by id', content: { 'application/json': { schema: TemplateList } } },
    ...authProblems,
  },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/templates/{id}/preview',
  tags: ['Templates'],
  summary: 'A template in one locale, rendered with sample data and the deployment’s branding',
  description:
    '`full` sets every optional value (a personal note, feedback offered, the recruiter); `minimal` none. Nothing is sent or stored.',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a template id such as general-rejection') }),
    query: z.object({
      locale: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a locale such as en or de'),
      variant: z.enum(['full', 'minimal']).default('full'),
    }),
  },
  responses: {
    200: { description: 'The email', content: { 'application/json': { schema: TemplatePreviewView } } },
    400: problemResponse('Malformed id, locale or variant'),
    ...authProblems,
    404: problemResponse('No such template, or not in that locale'),
  },
});

const noticeRoute = createRoute({
  method: 'get',
  path: '/notices/{id}/preview',
  tags: ['Notices'],
  summary: "A notice's email, rendered exactly as the send renders it",
  description: 'Before it goes out: what will be sent; after: what was sent. Nothing is sent or changed.',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().regex(/^n_[a-z2-7]{26}$/, 'a notice id such as n_…') }) },
  responses: {
    200: { description: 'The email', content: { 'application/json': { schema: NoticePreviewView } } },
    400: problemResponse('Malformed id'),
    ...authProblems,
    404: problemResponse('No such notice'),
    422: problemResponse('The notice lacks a value its template needs: it could not be sent either'),
  },
});

/** Template and notice previews: read-only, so every signed-in role may use them. */
export function registerPreviewRoutes(app: OpenAPIHono<AuthEnv>, deps: PreviewDeps): void {
  app.openapi(listRoute, (c) => c.json({ templates: deps.templates.list() }, 200));
  app.openapi(templateRoute, (c) => {
    const { locale, variant } = c.req.valid('query');
    return c.json(deps.templates.preview(c.req.valid('param').id, locale, variant), 200);
  });
  app.openapi(noticeRoute, async (c) => c.json(await deps.previewNotice(c.req.valid('param').id), 200));
}
