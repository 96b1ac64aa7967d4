import type { TemplateVariables } from '../ports/template-renderer.ts';
import type { Branding } from './branding.ts';
import { firstNameOf } from './first-name.ts';
import type { Notice } from './notice.ts';
import { REASON_CATEGORIES, type ReasonCategory, STAGES, type Stage } from './reason-and-stage.ts';

const pascal = (slug: string) =>
  slug
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** `reasonSkillsMismatch`, `reasonPositionFilled`…: one flag per reason category, for template sections. */
export const reasonFlag = (reason: ReasonCategory) => `reason${pascal(reason)}`;
/** `stageApplicationReview`, `stageInterview`…: one flag per stage. */
export const stageFlag = (stage: Stage) => `stage${pascal(stage)}`;

/**
 * Every value a notice's email may show; the renderer validates and escapes them.
 *
 * Templates say why from the reason *category* only (`{{#reasonSkillsMismatch}}…`), in words written for the
 * candidate. The ATS's own reason text (`decision.reason.name`) is never shown: it is written for colleagues
 * ("not senior enough", "salary too high", "no visa"), may be blunt, internal or legally delicate, and is not
 * translated. A recruiter who wants to say more writes a personal note, which is shown as written.
 */
export function emailVariables(notice: Notice, branding: Branding): TemplateVariables {
  const recruiter = notice.recruiter ?? branding.defaultRecruiter;
  const flags: Record<string, boolean> = {};
  for (const reason of REASON_CATEGORIES) flags[reasonFlag(reason)] = notice.reason === reason;
  for (const stage of STAGES) flags[stageFlag(stage)] = notice.stage === stage;
  return {
    firstName: notice.candidate.firstName ?? firstNameOf(notice.candidate.name),
    // German pairs "Sie" with the full name ("Guten Tag Ada Lovelace") when no Frau/Herr is known.
    fullName: notice.candidate.name,
    jobTitle: notice.job.title,
    companyName: branding.companyName,
    recruiterName: recruiter?.name,
    recruiterTitle: recruiter?.title,
    personalNote: notice.personalNote,
    feedbackOffered: notice.feedbackOffered,
    keepInTouch: notice.keepInTouch ?? false,
    logoUrl: branding.logoUrl,
    brandColor: branding.brandColor,
    backgroundColor: branding.backgroundColor,
    postalAddress: branding.postalAddress,
    careersUrl: branding.careersUrl,
    privacyUrl: branding.privacyUrl,
    ...flags,
  };
}
