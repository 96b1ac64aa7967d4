import type { Branding } from '../domain/branding.ts';
import { emailVariables } from '../domain/email-variables.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Notice } from '../domain/notice.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import type { RenderedEmail, TemplateRenderer } from '../ports/template-renderer.ts';

export interface NoticePreview extends RenderedEmail {
  readonly noticeId: string;
  readonly templateId: string;
  readonly locale: string;
}

export type PreviewNotice = (noticeId: string) => Promise<NoticePreview>;

/** A stored notice's email, rendered exactly as the send renders it; throws TemplateVariableError as the send would. */
export type RenderNoticeEmail = (notice: Notice) => RenderedEmail;

export function noticeEmailRenderer(deps: {
  readonly renderer: TemplateRenderer;
  readonly branding: Branding;
}): RenderNoticeEmail {
  return (notice) => deps.renderer.render(notice.templateId, notice.locale, emailVariables(notice, deps.branding));
}

/**
 * Renders a notice's email exactly as the send would (same template, locale, variables and escaping),
 * without sending anything or changing the notice: what a recruiter checks before, or after, it goes out.
 * Throws NotFoundError for an unknown notice and TemplateVariableError when it could not be sent either.
 */
export function makePreviewNotice(deps: {
  readonly notices: NoticeRepository;
  readonly renderer: TemplateRenderer;
  readonly branding: Branding;
}): PreviewNotice {
  const render = noticeEmailRenderer(deps);
  return async (noticeId) => {
    const notice = await deps.notices.get(noticeId);
    if (notice === undefined) throw new NotFoundError(`No notice with id ${noticeId}`);
    return { noticeId: notice.id, templateId: notice.templateId, locale: notice.locale, ...render(notice) };
  };
}
