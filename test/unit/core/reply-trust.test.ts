import { describe, expect, it } from 'vitest';
import { aMail } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';

const HOSTILE = 'This job must be a scam and you the trickster. You are a dick.';

interface Verdicts {
  readonly spf?: string;
  readonly spfDomain?: string;
  readonly dkim?: string;
  readonly dkimDomain?: string;
  readonly dmarc?: string;
  readonly dmarcFrom?: string;
  readonly spam?: string;
  readonly virus?: string;
}

/** SES's verdicts in its own shape, above everything the sender wrote (issue 14's parser reads them). */
function sesHeaders(v: Verdicts): string {
  const results = [
    v.spf === undefined ? '' : ` spf=${v.spf} (spfCheck: checked) client-ip=192.0.2.1; envelope-from=b@${v.spfDomain};`,
    v.dkim === undefined ? '' : ` dkim=${v.dkim} header.i=@${v.dkimDomain};`,
    v.dmarc === undefined ? '' : ` dmarc=${v.dmarc} header.from=${v.dmarcFrom ?? 'example.com'};`,
  ].join('');
  return [
    `Authentication-Results: amazonses.com;${results}`,
    ...(v.spam === undefined ? [] : [`X-SES-Spam-Verdict: ${v.spam}`]),
    ...(v.virus === undefined ? [] : [`X-SES-Virus-Verdict: ${v.virus}`]),
    '',
  ].join('\r\n');
}

/** What the candidate's own domain (example.com) looks like when every check passes. */
const PASSING: Verdicts = {
  spf: 'pass',
  spfDomain: 'example.com',
  dkim: 'pass',
  dkimDomain: 'example.com',
  dmarc: 'pass',
  spam: 'PASS',
  virus: 'PASS',
};

describe('mail authentication decides trust for a sender-only reply (issue 17)', () => {
  // A reply from ada@example.com with no token and no reference: only the From header names the candidate.
  const cases: readonly { name: string; verdicts: Verdicts | undefined; trusted: boolean; reason?: RegExp }[] = [
    { name: 'every check passes', verdicts: PASSING, trusted: true },
    { name: 'DMARC passes alone', verdicts: { dmarc: 'pass' }, trusted: true },
    { name: 'SPF passes for the From domain', verdicts: { spf: 'pass', spfDomain: 'example.com' }, trusted: true },
    {
      name: 'SPF passes for a subdomain of it',
      verdicts: { spf: 'pass', spfDomain: 'bounce.example.com' },
      trusted: true,
    },
    { name: 'DKIM passes for the From domain', verdicts: { dkim: 'pass', dkimDomain: 'example.com' }, trusted: true },
    {
      name: "SPF and DKIM pass for the forger's own domain",
      verdicts: { spf: 'pass', spfDomain: 'evil.example', dkim: 'pass', dkimDomain: 'evil.example', dmarc: 'none' },
      trusted: false,
      reason: /neither DMARC, SPF nor DKIM passes for example.com/,
    },
    {
      name: 'DMARC passes for another From domain',
      verdicts: { dmarc: 'pass', dmarcFrom: 'evil.example' },
      trusted: false,
      reason: /neither DMARC/,
    },
    {
      name: 'DMARC fails though SPF aligns',
      verdicts: { ...PASSING, dmarc: 'fail' },
      trusted: false,
      reason: /DMARC fails/,
    },
    {
      name: 'everything fails',
      verdicts: { spf: 'fail', spfDomain: 'example.com', dkim: 'fail', dkimDomain: 'example.com', dmarc: 'fail' },
      trusted: false,
      reason: /DMARC fails/,
    },
    {
      name: 'SES gave results but none for the sender',
      verdicts: { spf: 'none', spfDomain: 'example.com', dkim: 'none', dkimDomain: 'example.com', dmarc: 'none' },
      trusted: false,
      reason: /neither DMARC/,
    },
    { name: 'no verdicts at all (unknown)', verdicts: undefined, trusted: false, reason: /unknown is not trusted/ },
    { name: 'spam GRAY is not a refusal', verdicts: { ...PASSING, spam: 'GRAY' }, trusted: true },
  ];

  it.each(cases)('$name → trusted: $trusted', async ({ verdicts, trusted, reason }) => {
    const w = replyWorld();
    const notice = await w.sentNotice();
    const mail = aMail({ to: 'talent@acme.example', body: HOSTILE });

    const outcome = await w.inbound(verdicts === undefined ? mail : sesHeaders(verdicts) + mail);

    const reply = await w.reply.replies.get(outcome.replyId);
    if (trusted) {
      expect(outcome.correlation).toMatchObject({ method: 'sender', candidateId: notice.candidateId });
      expect(outcome.flags).toEqual(['bridge-burned']);
      return;
    }
    expect(outcome.correlation?.method).toBe('none');
    expect(outcome.correlation?.candidateId).toBeUndefined();
    expect(reply?.correlation.reason).toMatch(/^Unmatched: .*the sender's address alone is not trusted/);
    expect(reply?.correlation.reason).toMatch(reason ?? /never/);
    expect(outcome.flags).toEqual([]);
    expect(w.reply.flags.items.size).toBe(0);
    expect(w.reply.notifier.sent).toEqual([]);
    // Listed for recruiters, and found by the erasure of the address it names (fromDigest).
    expect((await w.reply.replies.listUnmatched({ limit: 10 })).items.map((r) => r.id)).toEqual([outcome.replyId]);
    expect(reply?.fromDigest).toBeDefined();
  });
});

describe("SES's spam and virus verdicts (issue 17)", () => {
  const cases: readonly { name: string; verdicts: Verdicts; refused?: RegExp }[] = [
    { name: 'spam FAIL', verdicts: { ...PASSING, spam: 'FAIL' }, refused: /spam/ },
    { name: 'virus FAIL', verdicts: { ...PASSING, virus: 'FAIL' }, refused: /virus/ },
    { name: 'both FAIL', verdicts: { ...PASSING, spam: 'FAIL', virus: 'FAIL' }, refused: /virus/ },
    { name: 'spam FAIL with failing authentication', verdicts: { spam: 'FAIL', dmarc: 'fail' }, refused: /spam/ },
    { name: 'spam PROCESSING_FAILED', verdicts: { ...PASSING, spam: 'PROCESSING_FAILED' } },
    { name: 'virus GRAY', verdicts: { ...PASSING, virus: 'GRAY' } },
  ];

  it.each(cases)('$name, even with a valid token', async ({ verdicts, refused }) => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const outcome = await w.inbound(sesHeaders(verdicts) + aMail({ to: w.replyTo(notice), body: HOSTILE }));

    const reply = await w.reply.replies.get(outcome.replyId);
    if (refused === undefined) {
      expect(outcome).toMatchObject({ status: 'classified', flags: ['bridge-burned'] });
      return;
    }
    // Never reaches classification, correlation, flags or the owner.
    expect(outcome).toMatchObject({ status: 'rejected', flags: [] });
    expect(reply?.rejectionReason).toMatch(refused);
    expect(reply?.correlation).toEqual({ method: 'none', reason: expect.stringMatching(/^Refused: SES /) });
    expect(reply?.text).toBe('');
    expect(w.reply.classifier.calls).toEqual([]);
    expect(w.reply.flags.items.size).toBe(0);
    expect(w.enqueuedRelays).toEqual([]);
  });
});

describe('a token reply from another address (issue 17)', () => {
  const cases: readonly { name: string; body: string; reason: RegExp | undefined }[] = [
    { name: 'hostile', body: HOSTILE, reason: /another address.*hostile reply \(accusation, insult\)/i },
    { name: 'warm', body: 'Thank you, please keep in touch.', reason: /another address.*would raise warm/i },
    { name: 'withdraws', body: 'I withdraw my application.', reason: /another address.*would raise withdrew/i },
    { name: 'asks for feedback', body: 'Any feedback?', reason: /would raise feedback-requested/ },
    { name: 'says nothing flaggable', body: 'Noted.', reason: undefined },
  ];

  it.each(cases)('$name: at most needs-review', async ({ body, reason }) => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const outcome = await w.inbound(
      sesHeaders({ ...PASSING, spfDomain: 'example.org', dkimDomain: 'example.org', dmarcFrom: 'example.org' }) +
        aMail({ from: 'someone.else@example.org', to: w.replyTo(notice), body }),
    );

    expect(outcome.correlation).toMatchObject({ method: 'token', senderMatchesCandidate: false });
    if (reason === undefined) {
      expect(outcome.flags).toEqual([]);
      return;
    }
    expect(outcome.flags).toEqual(['needs-review']);
    const flag = await w.reply.flags.get(notice.candidateId, 'needs-review');
    expect(flag?.reason).toMatch(/^Sent from another address than the candidate's; /);
    expect(flag?.reason).toMatch(reason);
  });
});
