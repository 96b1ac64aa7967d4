import type { StageConfig } from './config.ts';

/** The functions' branding and template settings (see `functions/config/app-config.ts`), from a stage. */
export function brandingEnvironment(config: StageConfig): Record<string, string> {
  const optional: Record<string, string | undefined> = {
    CLOSELOOP_COMPANY_LOGO_URL: config.logoUrl,
    CLOSELOOP_BACKGROUND_COLOR: config.backgroundColor,
    CLOSELOOP_CAREERS_URL: config.careersUrl,
    CLOSELOOP_PRIVACY_URL: config.privacyUrl,
    CLOSELOOP_DEFAULT_RECRUITER_NAME: config.defaultRecruiterName,
    CLOSELOOP_DEFAULT_RECRUITER_TITLE: config.defaultRecruiterTitle,
    CLOSELOOP_TEMPLATE_SELECTION:
      config.templateSelection === undefined ? undefined : JSON.stringify(config.templateSelection),
  };
  return {
    CLOSELOOP_COMPANY_NAME: config.companyName,
    CLOSELOOP_POSTAL_ADDRESS: config.postalAddress,
    CLOSELOOP_BRAND_COLOR: config.brandColor,
    ...Object.fromEntries(
      Object.entries(optional).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  };
}
