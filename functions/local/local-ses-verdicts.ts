/** The dev-only header that plays SES's verdicts locally (README "A conversation"). */
export const LOCAL_VERDICT_HEADER = 'X-Closeloop-Local-Verdict';

const PLAYABLE = ['spf', 'dkim', 'dmarc', 'spam', 'virus', 'domain'] as const;
type Played = Partial<Record<(typeof PLAYABLE)[number], string>>;

/** `spf=fail dkim=none domain=evil.example`: the values the message asks the stand-in to play. */
function playedVerdicts(head: string): Played {
  const value = new RegExp(`^${LOCAL_VERDICT_HEADER}\\s*:(.*)$`, 'im').exec(head)?.[1] ?? '';
  const played: Played = {};
  for (const [, key = '', v = ''] of value.matchAll(/([a-z]+)\s*=\s*([a-z0-9._-]+)/gi)) {
    const name = PLAYABLE.find((p) => p === key.toLowerCase());
    if (name !== undefined) played[name] = v.toLowerCase();
  }
  return played;
}

/** The domain of the From header's (last) address, as SES would judge it; `invalid` when there is none. */
function fromDomainOf(head: string): string {
  const from = /^from\s*:(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? '';
  return /@([a-z0-9.-]+)[>\s,;]*$/i.exec(from.trim())?.[1]?.toLowerCase() ?? 'invalid';
}

/**
 * SES receiving prepends its verdicts (`Authentication-Results: amazonses.com; …`, spam and virus) to every
 * message, above anything the sender wrote; the local stand-in does the same for every message posted with the
 * dev token, so an `Authentication-Results` the message carries itself is ignored locally as in AWS. The
 * verdicts are SES's shape for the From domain, all passing, unless the message asks for others with
 * `X-Closeloop-Local-Verdict: spf=fail dkim=none dmarc=none spam=fail virus=fail domain=evil.example` (each
 * optional; `domain` is the one SPF and DKIM vouch for, the From domain by default). Bytes that do not start
 * with a header line are left as they are, so garbage stays unreadable.
 */
export function withLocalSesVerdicts(raw: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(raw.subarray(0, 64 * 1024));
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = headerEnd < 0 ? text : text.slice(0, headerEnd);
  if (!/^[!-9;-~]+:/.test(head)) return raw;
  const played = playedVerdicts(head);
  const from = fromDomainOf(head);
  const domain = played.domain ?? from;
  const verdicts = new TextEncoder().encode(
    `Authentication-Results: amazonses.com; spf=${played.spf ?? 'pass'} (local stand-in for SES receiving) ` +
      `client-ip=127.0.0.1; envelope-from=bounce@${domain}; helo=${domain}; ` +
      `dkim=${played.dkim ?? 'pass'} header.i=@${domain}; dmarc=${played.dmarc ?? 'pass'} header.from=${from};\r\n` +
      `X-SES-Spam-Verdict: ${(played.spam ?? 'pass').toUpperCase()}\r\n` +
      `X-SES-Virus-Verdict: ${(played.virus ?? 'pass').toUpperCase()}\r\n`,
  );
  const out = new Uint8Array(verdicts.byteLength + raw.byteLength);
  out.set(verdicts, 0);
  out.set(raw, verdicts.byteLength);
  return out;
}
