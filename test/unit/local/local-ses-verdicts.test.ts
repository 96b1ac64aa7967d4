import { describe, expect, it } from 'vitest';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { withLocalSesVerdicts } from '#local/local-ses-verdicts.ts';
import { aMail } from '#test/support/mail.ts';

const parser = new MailparserInboundParser();
const encode = (text: string) => new TextEncoder().encode(text);

describe('the local stand-in for SES receiving', () => {
  it('prepends passing verdicts to a posted message, as SES prepends its own', async () => {
    const parsed = await parser.parse(withLocalSesVerdicts(encode(aMail({ body: 'Hi' }))));

    expect(parsed.authentication).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'PASS', virus: 'PASS' });
    expect(parsed.text.trim()).toBe('Hi');
  });

  it('leaves a message that carries its own Authentication-Results alone (it plays SES)', async () => {
    const raw = encode(
      aMail({ headers: { 'Authentication-Results': 'amazonses.com; spf=fail; dkim=fail' }, body: 'Hi' }),
    );

    expect(withLocalSesVerdicts(raw)).toBe(raw);
    expect((await parser.parse(raw)).authentication).toEqual({ spf: 'fail', dkim: 'fail' });
  });

  it('leaves bytes that are no message alone, so they stay unreadable', () => {
    const garbage = new Uint8Array([0, 1, 2]);

    expect(withLocalSesVerdicts(garbage)).toBe(garbage);
  });
});
