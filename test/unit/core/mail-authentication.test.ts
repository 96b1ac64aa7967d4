import { describe, expect, it } from 'vitest';
import { authenticationProblem, sesAuthentication } from '#core/domain/mail-authentication.ts';

// SES's own shape (as it arrives on received mail): the envelope sender is an element of its own after spf.
const SES_PASS =
  'amazonses.com; spf=pass (spfCheck: domain of acme.example designates 192.0.2.1 as permitted sender) ' +
  'client-ip=192.0.2.1; envelope-from=grace@acme.example; helo=mail.acme.example; ' +
  'dkim=pass header.i=@acme.example; dmarc=pass header.from=acme.example;';
const SES_FAIL =
  'amazonses.com; spf=fail (spfCheck: domain of acme.example does not designate 198.51.100.7 as permitted sender) ' +
  'client-ip=198.51.100.7; envelope-from=grace@acme.example; dkim=temperror header.i=@acme.example; ' +
  'dmarc=fail header.from=acme.example;';
const GRACE = 'grace@acme.example';
const headers = (authenticationResults: string[], spamVerdicts: string[] = [], virusVerdicts: string[] = []) => ({
  authenticationResults,
  spamVerdicts,
  virusVerdicts,
});

describe("SES's verdicts on an inbound message", () => {
  it('reads spf, dkim and dmarc with their domains from the Authentication-Results SES added, and its verdicts', () => {
    const auth = sesAuthentication(headers([SES_PASS], ['PASS'], ['PASS']));

    expect(auth).toEqual({
      spf: 'pass',
      spfDomain: 'acme.example',
      dkim: 'pass',
      dkimPassDomains: ['acme.example'],
      dmarc: 'pass',
      dmarcFrom: 'acme.example',
      spam: 'PASS',
      virus: 'PASS',
    });
    expect(authenticationProblem(auth, GRACE)).toBeUndefined();
  });

  it("reads RFC 8601's smtp.mailfrom and header.d too", () => {
    const auth = sesAuthentication(
      headers(['amazonses.com; spf=pass smtp.mailfrom=bounce.acme.example; dkim=pass header.d=acme.example']),
    );

    expect(auth).toMatchObject({ spfDomain: 'bounce.acme.example', dkimPassDomains: ['acme.example'] });
  });

  it('trusts only the topmost Authentication-Results, and only when it is SES’s', () => {
    const forgedBelow = sesAuthentication(headers([SES_FAIL, SES_PASS], ['PASS', 'PASS']));
    const notSesOnTop = sesAuthentication(headers(['mx.example.org; spf=pass', SES_PASS]));

    expect(forgedBelow).toMatchObject({ spf: 'fail', dkim: 'temperror', dmarc: 'fail' });
    expect(authenticationProblem(forgedBelow, GRACE)).toBe('DMARC fails');
    expect(notSesOnTop).toBeUndefined();
    expect(authenticationProblem(notSesOnTop, GRACE)).toBe('no Authentication-Results from SES');
  });

  it('believes nothing when a result was smuggled in through the HELO or the envelope sender (semicolons in them)', () => {
    const smuggledDmarc =
      'amazonses.com; spf=none (spfCheck: …) client-ip=203.0.113.9; envelope-from=x@attacker.example; ' +
      'helo=a;dmarc=pass;header.from=acme.example; dkim=none; dmarc=fail header.from=acme.example;';
    const smuggledSpf =
      'amazonses.com; spf=fail (spfCheck: …) client-ip=203.0.113.9; envelope-from=x@attacker.example; ' +
      'helo=a;spf=pass smtp.mailfrom=acme.example; dkim=none; dmarc=none header.from=acme.example;';

    for (const header of [smuggledDmarc, smuggledSpf]) {
      const auth = sesAuthentication(headers([header], ['PASS'], ['PASS']));
      expect(auth).toEqual({ ambiguous: true, spam: 'PASS', virus: 'PASS' });
      expect(authenticationProblem(auth, GRACE)).toMatch(/twice/);
    }
  });

  it('ignores results of another authserv-id, even one that mentions amazonses.com', () => {
    const auth = sesAuthentication(headers(['evil.example; spf=pass amazonses.com']));
    const lookalike = sesAuthentication(headers(['amazonses.com.evil.example; dkim=pass']));

    expect(auth).toBeUndefined();
    expect(lookalike).toBeUndefined();
  });

  it('passes with an aligned DKIM signature alone, when one of several passes', () => {
    const auth = sesAuthentication(
      headers(['amazonses.com 1; spf=softfail; dkim=fail header.i=@old.example; dkim=pass header.i=@acme.example']),
    );

    expect(auth).toMatchObject({ spf: 'softfail', dkim: 'pass', dkimPassDomains: ['acme.example'] });
    expect(authenticationProblem(auth, GRACE)).toBeUndefined();
  });

  it('refuses SPF and DKIM passes for a domain that is not the From domain (the owner has no DMARC)', () => {
    const auth = sesAuthentication(
      headers([
        'amazonses.com; spf=pass (spfCheck: domain of evil.example designates 203.0.113.9 as permitted sender) ' +
          'client-ip=203.0.113.9; envelope-from=bounce@evil.example; helo=evil.example; ' +
          'dkim=pass header.i=@acme.example.evil.example; dmarc=none header.from=acme.example;',
      ]),
    );

    expect(authenticationProblem(auth, GRACE)).toBe(
      'neither DMARC, SPF nor DKIM passes for acme.example (spf=pass for evil.example, ' +
        'dkim=pass for acme.example.evil.example, dmarc=none)',
    );
  });

  it('accepts a subdomain of the From domain (an envelope on bounce.acme.example), never a parent or a sibling', () => {
    const spfOn = (domain: string) =>
      sesAuthentication(headers([`amazonses.com; spf=pass smtp.mailfrom=${domain}; dkim=none; dmarc=none`]));

    expect(authenticationProblem(spfOn('bounce.acme.example'), GRACE)).toBeUndefined();
    expect(authenticationProblem(spfOn('example'), GRACE)).toMatch(/^neither/);
    expect(authenticationProblem(spfOn('notacme.example'), GRACE)).toMatch(/^neither/);
  });

  it('accepts DMARC pass only for the From domain', () => {
    const dmarcFor = (domain: string) =>
      sesAuthentication(headers([`amazonses.com; spf=fail; dkim=none; dmarc=pass header.from=${domain}`]));

    expect(authenticationProblem(dmarcFor('acme.example'), GRACE)).toBeUndefined();
    expect(authenticationProblem(dmarcFor('evil.example'), GRACE)).toMatch(/^neither/);
  });

  it('refuses a DMARC failure, and a spam or virus FAIL, whatever SPF and DKIM say', () => {
    const dmarcFail = sesAuthentication(
      headers(['amazonses.com; spf=pass smtp.mailfrom=acme.example; dkim=pass header.d=acme.example; dmarc=fail']),
    );
    const spam = sesAuthentication(headers([SES_PASS], ['FAIL', 'PASS']));
    const virus = sesAuthentication(headers([SES_PASS], [], ['fail']));

    expect(authenticationProblem(dmarcFail, GRACE)).toBe('DMARC fails');
    expect(authenticationProblem(spam, GRACE)).toBe('SES judged it spam');
    expect(authenticationProblem(virus, GRACE)).toBe('SES found a virus');
  });
});
