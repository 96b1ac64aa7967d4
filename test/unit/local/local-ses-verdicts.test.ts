import { describe, expect, it } from 'vitest';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { withLocalSesVerdicts } from '#local/local-ses-verdicts.ts';
import { aMail } from '#test/support/mail.ts';

const parser = new MailparserInboundParser();
const encode = (text: string) => new TextEncoder().encode(text);
const GRACE = 'Grace Hopper <grace@acme.example>';

describe('the local stand-in for SES receiving', () => {
  it("prepends passing verdicts for the From domain, in SES's shape, as SES prepends its own", async () => {
    const parsed = await parser.parse(withLocalSesVerdicts(encode(aMail({ from: GRACE, body: 'Hi' }))));

    expect(parsed.authentication).toEqual({
      spf: 'pass',
      spfDomain: 'acme.example',
      dkim: 'pass',
      dkimPassDomains: ['acme.example'],
      dmarc: 'pass',
      dmarcFrom: 'acme.example',
      spam: 'PASS',
      virus: 'PASS',
    });
    expect(parsed.text.trim()).toBe('Hi');
  });

  it('prepends its verdicts above an Authentication-Results the message carries itself, which is then ignored', async () => {
    const raw = encode(
      aMail({ from: GRACE, headers: { 'Authentication-Results': 'amazonses.com; spf=fail; dkim=fail' }, body: 'Hi' }),
    );

    expect((await parser.parse(withLocalSesVerdicts(raw))).authentication).toMatchObject({ spf: 'pass', dkim: 'pass' });
  });

  it('plays the verdicts X-Closeloop-Local-Verdict asks for', async () => {
    const raw = encode(
      aMail({
        from: GRACE,
        headers: { 'X-Closeloop-Local-Verdict': 'spf=fail dkim=none dmarc=none spam=fail domain=evil.example' },
        body: 'Hi',
      }),
    );

    expect((await parser.parse(withLocalSesVerdicts(raw))).authentication).toEqual({
      spf: 'fail',
      spfDomain: 'evil.example',
      dkim: 'none',
      dmarc: 'none',
      dmarcFrom: 'acme.example',
      spam: 'FAIL',
      virus: 'PASS',
    });
  });

  it('leaves bytes that are no message alone, so they stay unreadable', () => {
    const garbage = new Uint8Array([0, 1, 2]);

    expect(withLocalSesVerdicts(garbage)).toBe(garbage);
  });
});
