import { definedFields } from './optional.ts';
/**
 * SES's verdicts on an inbound message: the `Authentication-Results` header SES prepends (authserv-id
 * `amazonses.com`; RFC 8601) and its `X-SES-Spam-Verdict` / `X-SES-Virus-Verdict` headers. A sender can write
 * any of these headers into their own message, but SES adds its own above everything the sender wrote, so only
 * the topmost `amazonses.com` result and the topmost verdicts are SES's; lower ones are ignored.
 */
export interface MailAuthentication {
  /** `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, lowercase. */
  readonly spf?: string;
  /** `pass` when any DKIM signature SES checked passed, else its first result. */
  readonly dkim?: string;
  readonly dmarc?: string;
  /** `PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`, uppercase. */
  readonly spam?: string;
  readonly virus?: string;
}

/** The raw header values, topmost first, as the parser read them. */
export interface AuthenticationHeaders {
  readonly authenticationResults: readonly string[];
  readonly spamVerdicts: readonly string[];
  readonly virusVerdicts: readonly string[];
}

export const SES_AUTHSERV_ID = 'amazonses.com';

/** The authserv-id is the header's first element (`amazonses.com;` or `amazonses.com 1;` with a version). */
function authservIdOf(value: string): string {
  return (value.split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

/** The results of one method (`spf=pass (…) smtp.mailfrom=…`), in order. */
function resultsOf(value: string, method: string): string[] {
  const out: string[] = [];
  // Comments in parentheses may hold anything, semicolons included: drop them first (not nested in practice).
  const plain = value.replace(/\([^()]*\)/g, ' ');
  for (const part of plain.split(';').slice(1)) {
    const match = /^\s*([a-z0-9-]+)\s*=\s*([a-z]+)/i.exec(part);
    if (match?.[1]?.toLowerCase() === method && match[2] !== undefined) out.push(match[2].toLowerCase());
  }
  return out;
}

function verdict(values: readonly string[]): string | undefined {
  const first = values[0]?.trim().toUpperCase();
  return first === undefined || first === '' ? undefined : first.slice(0, 40);
}

/** SES's verdicts, or undefined when SES added no `Authentication-Results` (mail that did not come through SES). */
export function sesAuthentication(headers: AuthenticationHeaders): MailAuthentication | undefined {
  const ses = headers.authenticationResults.find((value) => authservIdOf(value) === SES_AUTHSERV_ID);
  if (ses === undefined) return undefined;
  const spf = resultsOf(ses, 'spf')[0];
  const dkims = resultsOf(ses, 'dkim');
  const dkim = dkims.includes('pass') ? 'pass' : dkims[0];
  const dmarc = resultsOf(ses, 'dmarc')[0];
  const spam = verdict(headers.spamVerdicts);
  const virus = verdict(headers.virusVerdicts);
  return {
    ...definedFields({ spf, dkim, dmarc, spam, virus }),
  };
}

/**
 * Why SES's verdicts do not let this message speak for its sender, or undefined when they do: SPF or DKIM
 * passes, DMARC does not fail, and neither the spam nor the virus verdict is `FAIL`.
 */
export function authenticationProblem(auth: MailAuthentication | undefined): string | undefined {
  if (auth === undefined) return 'no Authentication-Results from SES';
  if (auth.spf !== 'pass' && auth.dkim !== 'pass') {
    return `neither SPF nor DKIM passes (spf=${auth.spf ?? 'none'}, dkim=${auth.dkim ?? 'none'})`;
  }
  if (auth.dmarc === 'fail') return 'DMARC fails';
  if (auth.spam === 'FAIL') return 'SES judged it spam';
  if (auth.virus === 'FAIL') return 'SES found a virus';
  return undefined;
}
