/**
 * SES receiving prepends its verdicts (`Authentication-Results: amazonses.com; …`) to every message; the local
 * stand-in does the same for a message posted with the dev token (so a recruiter's answer can be played
 * locally), unless the message already carries an `Authentication-Results` header at all: then it plays SES's
 * verdicts itself (a failing one tests a refusal). Bytes that do not start with a header line are left as they
 * are, so garbage stays unreadable.
 */
export function withLocalSesVerdicts(raw: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(raw.subarray(0, 64 * 1024));
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = headerEnd < 0 ? text : text.slice(0, headerEnd);
  if (!/^[!-9;-~]+:/.test(head) || /^authentication-results\s*:/im.test(head)) return raw;
  const verdicts = new TextEncoder().encode(
    'Authentication-Results: amazonses.com; spf=pass (local stand-in for SES receiving); dkim=pass; dmarc=pass\r\n' +
      'X-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\n',
  );
  const out = new Uint8Array(verdicts.byteLength + raw.byteLength);
  out.set(verdicts, 0);
  out.set(raw, verdicts.byteLength);
  return out;
}
