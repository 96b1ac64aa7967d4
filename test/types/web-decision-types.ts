/**
 * Type-level check, run by `npm run typecheck`, as web-api-types.ts: what the Record decisions and Templates
 * pages read fits what the server's schemas send.
 */
import type { z } from '@hono/zod-openapi';
import type { DecisionCsvPreview, DecisionResult } from '#http/schemas/decision.ts';
import type { NoticePreviewView, TemplateList, TemplatePreviewView } from '#http/schemas/preview.ts';
import type { CsvPreview, DecisionOutcome } from '../../web/src/decision-upload.ts';
import type { TemplatePreview, TemplateList as WebTemplateList } from '../../web/src/template-types.ts';

type Fits<Server, Client> = [Server] extends [Client] ? true : false;

export const decisionPagesReadWhatTheApiSends: [
  Fits<z.infer<typeof DecisionCsvPreview>, CsvPreview>,
  Fits<z.infer<typeof DecisionResult>, DecisionOutcome>,
  Fits<z.infer<typeof TemplateList>, WebTemplateList>,
  Fits<z.infer<typeof TemplatePreviewView>, TemplatePreview>,
  Fits<z.infer<typeof NoticePreviewView>, TemplatePreview>,
] = [true, true, true, true, true];
