/** The sending company's identity, from configuration. Shown in every email. */
export interface Branding {
  readonly companyName: string;
  /** https only; omitted means the company name is shown instead. */
  readonly logoUrl?: string;
  /** A CSS hex colour such as #1f6feb: the accent bar, links and the note's rule. */
  readonly brandColor: string;
  /** A CSS hex colour: the page around the email. */
  readonly backgroundColor: string;
  /** The postal footer anti-spam laws ask for. */
  readonly postalAddress: string;
  /** https; the open roles, offered to candidates who may apply again. */
  readonly careersUrl?: string;
  /** https; how the company handles applicants' personal data, linked from the footer. */
  readonly privacyUrl?: string;
  /**
   * Signs notices whose decision names no recruiter. Unset, each template signs as its own language's
   * "recruiting team" of the company, which reads better than one English team name in every locale.
   */
  readonly defaultRecruiter?: { readonly name: string; readonly title?: string };
}
