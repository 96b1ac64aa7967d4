import { describe, expect, it } from 'vitest';
import { authenticationProblem, sesAuthentication } from '#core/domain/mail-authentication.ts';

const SES_PASS =
  'amazonses.com; spf=pass (spf: domain of acme.example designates 192.0.2.1 as permitted sender) ' +
  'client-ip=192.0.2.1; envelope-from=grace@acme.example; helo=mail.acme.example; ' +
  'dkim=pass header.i=@acme.example; dmarc=pass header.from=acme.example;';
const SES_FAIL =
  'amazonses.com; spf=fail (spf: domain of acme.example does not designate 198.51.100.7 as permitted sender) ' +
  'client-ip=198.51.100.7; dkim=temperror header.i=@acme.example; dmarc=fail header.from=acme.example;';

describe("SES's verdicts on an inbound message", () => {
  it('reads spf, dkim and dmarc from the Authentication-Results SES added, and its spam and virus verdicts', () => {
    const auth = sesAuthentication({
      authenticationResults: [SES_PASS],
      spamVerdicts: ['PASS'],
      virusVerdicts: ['PASS'],
    });

    expect(auth).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'PASS', virus: 'PASS' });
    expect(authenticationProblem(auth)).toBeUndefined();
  });

  it('trusts only the topmost amazonses.com result: a forged one lower in the headers is ignored', () => {
    const auth = sesAuthentication({
      authenticationResults: ['mx.example.org; spf=pass', SES_FAIL, SES_PASS],
      spamVerdicts: ['PASS', 'PASS'],
      virusVerdicts: [],
    });

    expect(auth).toMatchObject({ spf: 'fail', dkim: 'temperror', dmarc: 'fail' });
    expect(authenticationProblem(auth)).toBe('neither SPF nor DKIM passes (spf=fail, dkim=temperror)');
  });

  it('ignores results of another authserv-id, even one that mentions amazonses.com', () => {
    const auth = sesAuthentication({
      authenticationResults: ['evil.example; spf=pass amazonses.com', 'amazonses.com.evil.example; dkim=pass'],
      spamVerdicts: [],
      virusVerdicts: [],
    });

    expect(auth).toBeUndefined();
    expect(authenticationProblem(auth)).toBe('no Authentication-Results from SES');
  });

  it('passes with DKIM alone, and keeps a pass when one of several DKIM signatures passes', () => {
    const auth = sesAuthentication({
      authenticationResults: [
        'amazonses.com 1; spf=softfail; dkim=fail header.i=@old.example; dkim=pass header.i=@acme.example',
      ],
      spamVerdicts: [],
      virusVerdicts: [],
    });

    expect(auth).toEqual({ spf: 'softfail', dkim: 'pass' });
    expect(authenticationProblem(auth)).toBeUndefined();
  });

  it('refuses a DMARC failure, and a spam or virus FAIL, whatever SPF and DKIM say', () => {
    const dmarcFail = sesAuthentication({
      authenticationResults: ['amazonses.com; spf=pass; dkim=pass; dmarc=fail'],
      spamVerdicts: [],
      virusVerdicts: [],
    });
    const spam = sesAuthentication({
      authenticationResults: [SES_PASS],
      spamVerdicts: ['FAIL', 'PASS'],
      virusVerdicts: [],
    });
    const virus = sesAuthentication({ authenticationResults: [SES_PASS], spamVerdicts: [], virusVerdicts: ['fail'] });

    expect(authenticationProblem(dmarcFail)).toBe('DMARC fails');
    expect(authenticationProblem(spam)).toBe('SES judged it spam');
    expect(authenticationProblem(virus)).toBe('SES found a virus');
  });
});
