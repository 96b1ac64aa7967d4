import { definedFields } from './optional.ts';
/**
 * SES's verdicts on an inbound message: the `Authentication-Results` header SES prepends (authserv-id
 * `amazonses.com`; RFC 8601) and its `X-SES-Spam-Verdict` / `X-SES-Virus-Verdict` headers. A sender can write
 * any of these headers into their own message, but SES adds its own above everything the sender wrote, so only
 * the topmost of each is SES's: a topmost `Authentication-Results` of another authserv-id means SES added none
 * (the message did not come through SES), and lower ones are never read.
 *
 * SES writes its SPF result in its own shape, the envelope sender as a separate element after it:
 * `amazonses.com; spf=pass (spfCheck: …) client-ip=192.0.2.1; envelope-from=jane@acme.example; helo=…;
 * dkim=pass header.i=@acme.example; dmarc=pass header.from=acme.example;`. RFC 8601's `smtp.mailfrom` and
 * `header.d` are read as well.
 */
export interface MailAuthentication {
  /** `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, lowercase. */
  readonly spf?: string;
  /** The domain SPF checked: `smtp.mailfrom` or SES's `envelope-from`, lowercase. */
  readonly spfDomain?: string;
  /** `pass` when any DKIM signature SES checked passed, else its first result. */
  readonly dkim?: string;
  /** The signing domains (`header.d`, else the domain of `header.i`) of the signatures that passed. */
  readonly dkimPassDomains?: readonly string[];
  readonly dmarc?: string;
  /** The From domain DMARC judged (`header.from`), lowercase. */
  readonly dmarcFrom?: string;
  /** `PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`, uppercase. */
  readonly spam?: string;
  readonly virus?: string;
  /**
   * SES's header names SPF or DMARC twice. SES writes each once, but it copies the sender's HELO and envelope
   * sender into the header as they came, semicolons included, so a second result can only have been smuggled in
   * through them: nothing in such a header is believed.
   */
  readonly ambiguous?: true;
}

/** The raw header values, topmost first, as the parser read them. */
export interface AuthenticationHeaders {
  readonly authenticationResults: readonly string[];
  readonly spamVerdicts: readonly string[];
  readonly virusVerdicts: readonly string[];
}

export const SES_AUTHSERV_ID = 'amazonses.com';

/** Elements that start a result; anything else (SES's `envelope-from=`, `helo=`) belongs to the one before. */
const METHODS = new Set(['spf', 'dkim', 'dmarc', 'arc', 'iprev', 'auth', 'dkim-atps', 'bimi', 'sender-id']);

interface MethodResult {
  readonly method: string;
  readonly result: string;
  readonly properties: Map<string, string>;
}

/** The authserv-id is the header's first element (`amazonses.com;` or `amazonses.com 1;` with a version). */
function authservIdOf(value: string): string {
  return (value.split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

/** Each method's result with its properties (`header.i`, `smtp.mailfrom`, SES's `envelope-from`), in order. */
function resultsOf(value: string): MethodResult[] {
  const out: { method: string; result: string; properties: Map<string, string> }[] = [];
  // Comments in parentheses may hold anything, semicolons included: drop them first (not nested in practice).
  const plain = value.replace(/\([^()]*\)/g, ' ');
  for (const part of plain.split(';').slice(1)) {
    const pairs = [...part.matchAll(/([a-z0-9._-]+)\s*=\s*("[^"]*"|[^\s;]+)/gi)].map(([, key = '', v = '']) => ({
      key: key.toLowerCase(),
      value: v.replace(/^"|"$/g, ''),
    }));
    const [head, ...rest] = pairs;
    if (head === undefined) continue;
    const current = METHODS.has(head.key)
      ? { method: head.key, result: head.value.toLowerCase(), properties: new Map() }
      : out.at(-1);
    if (current === undefined) continue;
    if (current !== out.at(-1)) out.push(current);
    for (const { key, value: v } of METHODS.has(head.key) ? rest : pairs) {
      if (!current.properties.has(key)) current.properties.set(key, v);
    }
  }
  return out;
}

/** The domain of `user@domain`, `@domain` or `domain`, lowercase, without a trailing dot. */
function domainOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const domain = value
    .slice(value.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  return domain === '' ? undefined : domain;
}

function verdict(values: readonly string[]): string | undefined {
  const first = values[0]?.trim().toUpperCase();
  return first === undefined || first === '' ? undefined : first.slice(0, 40);
}

/** SES's verdicts, or undefined when the topmost `Authentication-Results` is not SES's (or there is none). */
export function sesAuthentication(headers: AuthenticationHeaders): MailAuthentication | undefined {
  const top = headers.authenticationResults[0];
  if (top === undefined || authservIdOf(top) !== SES_AUTHSERV_ID) return undefined;
  const results = resultsOf(top);
  const spam = verdict(headers.spamVerdicts);
  const virus = verdict(headers.virusVerdicts);
  const twice = (method: string) => results.filter((r) => r.method === method).length > 1;
  if (twice('spf') || twice('dmarc')) return { ambiguous: true, ...definedFields({ spam, virus }) };
  const spf = results.find((r) => r.method === 'spf');
  const spfDomain = domainOf(spf?.properties.get('smtp.mailfrom') ?? spf?.properties.get('envelope-from'));
  const dkims = results.filter((r) => r.method === 'dkim');
  const dkimPassDomains = dkims
    .filter((r) => r.result === 'pass')
    .flatMap((r) => domainOf(r.properties.get('header.d') ?? r.properties.get('header.i')) ?? []);
  const dkim = dkims.some((r) => r.result === 'pass') ? 'pass' : dkims[0]?.result;
  const dmarc = results.find((r) => r.method === 'dmarc');
  const dmarcFrom = domainOf(dmarc?.properties.get('header.from'));
  return {
    ...(spf === undefined ? {} : { spf: spf.result }),
    ...(dmarc === undefined ? {} : { dmarc: dmarc.result }),
    ...definedFields({ spfDomain, dkim, dmarcFrom, spam, virus }),
    ...(dkimPassDomains.length === 0 ? {} : { dkimPassDomains }),
  };
}

/**
 * An authenticated domain speaks for the From domain when it is that domain or a subdomain of it
 * (`bounce.acme.example` for `acme.example`). DMARC's relaxed alignment also accepts a From on a subdomain of
 * the authenticated one, which needs the public suffix list to do safely; we do without and are stricter.
 */
export function alignsWith(authenticated: string | undefined, fromDomain: string): boolean {
  if (authenticated === undefined || fromDomain === '') return false;
  return authenticated === fromDomain || authenticated.endsWith(`.${fromDomain}`);
}

/**
 * Why SES's verdicts do not let this message speak for `from`, or undefined when they do: DMARC passes for the
 * From domain, or SPF passes for an aligned envelope domain, or a DKIM signature of an aligned domain passes;
 * DMARC does not fail, and neither the spam nor the virus verdict is `FAIL`. A pass for another domain (an
 * attacker's own envelope or signature) vouches for nothing here.
 */
export function authenticationProblem(auth: MailAuthentication | undefined, from: string): string | undefined {
  if (auth === undefined) return 'no Authentication-Results from SES';
  if (auth.dmarc === 'fail') return 'DMARC fails';
  if (auth.spam === 'FAIL') return 'SES judged it spam';
  if (auth.virus === 'FAIL') return 'SES found a virus';
  if (auth.ambiguous)
    return 'SES’s Authentication-Results names SPF or DMARC twice (smuggled in through the HELO or envelope sender)';
  const fromDomain = domainOf(from) ?? '';
  const dmarc = auth.dmarc === 'pass' && auth.dmarcFrom === fromDomain;
  const spf = auth.spf === 'pass' && alignsWith(auth.spfDomain, fromDomain);
  const dkim = auth.dkim === 'pass' && (auth.dkimPassDomains ?? []).some((d) => alignsWith(d, fromDomain));
  if (dmarc || spf || dkim) return undefined;
  return (
    `neither DMARC, SPF nor DKIM passes for ${fromDomain || 'the From domain'} ` +
    `(spf=${auth.spf ?? 'none'} for ${auth.spfDomain ?? 'no domain'}, ` +
    `dkim=${auth.dkim ?? 'none'} for ${(auth.dkimPassDomains ?? []).join(', ') || 'no domain'}, ` +
    `dmarc=${auth.dmarc ?? 'none'})`
  );
}
