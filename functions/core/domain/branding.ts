/** The sending company's identity, from configuration. Shown in every email. */
export interface Branding {
  readonly companyName: string;
  /** https only; omitted means no logo. */
  readonly logoUrl?: string;
  /** A CSS hex colour such as #1f6feb. */
  readonly brandColor: string;
  /** The postal footer anti-spam laws ask for. */
  readonly postalAddress: string;
  /** Signs notices whose decision names no recruiter. */
  readonly defaultRecruiter: { readonly name: string; readonly title?: string };
}
