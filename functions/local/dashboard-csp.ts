/**
 * The dashboard's Content Security Policy, one definition for the local server and CloudFront (which adds
 * the API and sign-in hosts to `connect-src`). Candidate emails are shown in a sandboxed iframe (srcdoc),
 * which inherits this policy: their inline styles are allowed, scripts nowhere.
 */
export const DASHBOARD_CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
] as const;

export const DASHBOARD_CSP = DASHBOARD_CSP_DIRECTIVES.join('; ');
