import { z } from '@hono/zod-openapi';

const email = {
  subject: z.string(),
  preheader: z.string(),
  html: z.string().describe('The HTML part, candidate text escaped: show it in a sandboxed frame'),
  text: z.string().describe('The plain-text part, as the send puts it beside the HTML'),
};

export const TemplateList = z
  .object({
    templates: z.array(z.object({ id: z.string(), locales: z.array(z.string()) })),
  })
  .openapi('TemplateList');

export const TemplatePreviewView = z
  .object({ templateId: z.string(), locale: z.string(), variant: z.enum(['full', 'minimal']), ...email })
  .openapi('TemplatePreview');

export const NoticePreviewView = z
  .object({ noticeId: z.string(), templateId: z.string(), locale: z.string(), ...email })
  .openapi('NoticePreview');
