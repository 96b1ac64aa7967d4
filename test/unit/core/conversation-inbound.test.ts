import { describe, expect, it } from 'vitest';
import type { Notice } from '#core/domain/notice.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Relay } from '#core/domain/relay.ts';
import { anErasureInProgress } from '#test/support/builders.ts';
import { aMail, gmailQuote } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';

const OWNER = 'grace@acme.example';
const SES_PASS = 'amazonses.com; spf=pass smtp.mailfrom=acme.example; dkim=pass header.i=@acme.example; dmarc=pass';
const SES_FAIL = 'amazonses.com; spf=fail smtp.mailfrom=acme.example; dkim=none; dmarc=fail';
const QUESTION = 'Could you share some feedback on which parts of my experience fell short?';
const ANSWER = 'Hi Ada, the system design round was thin; the SQL was excellent. We will watch for a better match.';
const INSULT = 'This job must be a scam and you the trickster. You are a dick.';

async function thread(options: Parameters<typeof replyWorld>[0] = {}) {
  const w = replyWorld(options);
  const notice = await w.sentNotice({ recruiter: { name: 'Grace Hopper', email: OWNER } });
  const relayOf = async (relayId: string | undefined): Promise<Relay> => {
    const relay = relayId === undefined ? undefined : await w.reply.relays.get(relayId);
    if (relay === undefined) throw new Error(`no relay ${relayId}`);
    return relay;
  };
  const candidateSays = (body: string, messageId?: string) =>
    w.inbound(aMail({ to: w.replyTo(notice), body, ...definedFields({ messageId }) }));
  /** The owner answers a relay from their mail client, quoting the relay as Gmail does. */
  const ownerAnswers = (relay: Relay, body: string, parts: Partial<Parameters<typeof aMail>[0]> = {}) =>
    w.inbound(
      aMail({
        from: `Grace Hopper <${OWNER}>`,
        to: relay.replyTo,
        subject: `Re: [Feedback requested] ${relay.subject}`,
        headers: { 'Authentication-Results': SES_PASS, 'X-SES-Spam-Verdict': 'PASS', 'X-SES-Virus-Verdict': 'PASS' },
        body,
        ...parts,
      }),
    );
  return { w, notice, relayOf, candidateSays, ownerAnswers };
}

/** The relay as the recruiter's client shows it (the banner lines of relay-email.ts, then the candidate's words). */
function relayCopy(relay: Relay): string {
  return [
    `Closeloop's reading: ${relay.banner?.flags.join(', ')} (${relay.banner?.sentiment})`,
    `The candidate in the dashboard: ${relay.banner?.candidateUrl}`,
    '',
    '---',
    'Ada Lovelace wrote:',
    '',
    relay.text,
  ].join('\n');
}

describe('a candidate turn is relayed to the owning recruiter', () => {
  it('relays what the candidate wrote with Closeloop’s reading, from our relay address, once', async () => {
    const { w, notice, relayOf } = await thread();
    const mail = aMail({ to: w.replyTo(notice), body: `${QUESTION}\n\nBest,\nAda`, messageId: 'q1@mail.example.com' });

    const first = await w.inbound(mail);
    const again = await w.inbound(mail);

    const relay = await relayOf(first.relayId);
    expect(relay).toMatchObject({
      direction: 'to-recruiter',
      status: 'pending',
      to: OWNER,
      from: '"Ada Lovelace via Closeloop" <relay@acme.example>',
      text: QUESTION,
      cause: { kind: 'candidate-reply', replyId: first.replyId },
      banner: {
        flags: ['feedback-requested'],
        sentiment: 'neutral',
        candidateUrl: `http://localhost:3000/#/candidates/${notice.candidateId}`,
      },
    });
    expect(relay.replyTo).toMatch(/^recruiter\+[a-z2-7]{32}@replies\.acme\.example$/);
    expect(relay.subject).toMatch(/^Re: /);
    expect(again).toMatchObject({ duplicate: true });
    expect((await w.reply.relays.listByNotice(notice.id)).length).toBe(1);
    expect(w.enqueuedRelays).toEqual([relay.id]);
  });

  it('uses one recruiter-side address per thread, and falls back to the default inbox without an owner email', async () => {
    const w = replyWorld({ env: { CLOSELOOP_DEFAULT_RECRUITER_INBOX: 'recruiting@acme.example' } });
    const notice: Notice = await w.sentNotice();

    const one = await w.inbound(aMail({ to: w.replyTo(notice), body: 'Thank you for letting me know.' }));
    w.clock.advance(60_000);
    const two = await w.inbound(aMail({ to: w.replyTo(notice), body: 'One more question about the role.' }));

    const relays = await w.reply.relays.listByNotice(notice.id);
    expect(relays.map((r) => r.to)).toEqual(['recruiting@acme.example', 'recruiting@acme.example']);
    expect(relays[0]?.replyTo).toBe(relays[1]?.replyTo);
    expect([one.relayId, two.relayId]).toEqual(relays.map((r) => r.id));
  });

  it('lists the attachments by name and size in the banner', async () => {
    const { w, notice, relayOf } = await thread();
    const body = [
      '--mix',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Here is my portfolio, thank you.',
      '--mix',
      'Content-Type: application/pdf; name="portfolio.pdf"',
      'Content-Disposition: attachment; filename="portfolio.pdf"',
      '',
      'PDFDATA',
      '--mix--',
    ].join('\n');

    const outcome = await w.inbound(
      aMail({ to: w.replyTo(notice), contentType: 'multipart/mixed; boundary="mix"', body }),
    );

    expect((await relayOf(outcome.relayId)).banner?.attachments).toEqual([
      { filename: 'portfolio.pdf', sizeBytes: expect.any(Number) },
    ]);
  });

  it('never relays an out-of-office, an empty reply or an unmatched message', async () => {
    const { w, notice } = await thread();

    const ooo = await w.inbound(
      aMail({ to: w.replyTo(notice), headers: { 'Auto-Submitted': 'auto-replied' }, body: 'I am away.' }),
    );
    const empty = await w.inbound(aMail({ to: w.replyTo(notice), body: gmailQuote(w.sentText(notice)) }));
    const stranger = await w.inbound(aMail({ from: 'nobody@example.org', to: 'talent@acme.example', body: 'Hello?' }));

    expect([ooo.status, empty.status, stranger.correlation?.method]).toEqual(['auto-reply', 'empty', 'none']);
    expect([ooo.relayId, empty.relayId, stranger.relayId]).toEqual([undefined, undefined, undefined]);
    expect(await w.reply.relays.listByNotice(notice.id)).toEqual([]);
  });

  it('records our own relay coming back as an auto-reply (loop) and relays nothing', async () => {
    const { w, notice } = await thread();

    const header = await w.inbound(
      aMail({ to: w.replyTo(notice), headers: { 'X-Closeloop-Relay': 'm_abc' }, body: 'Thank you!' }),
    );
    const fromRelay = await w.inbound(aMail({ from: 'relay@acme.example', to: w.replyTo(notice), body: 'Thanks!' }));

    expect(header).toMatchObject({ status: 'auto-reply', flags: [] });
    expect((await w.reply.replies.get(header.replyId))?.autoReplyReason).toBe('loop: carries X-Closeloop-Relay');
    expect((await w.reply.replies.get(fromRelay.replyId))?.autoReplyReason).toBe('loop: sent from our relay address');
    expect(await w.reply.relays.listByNotice(notice.id)).toEqual([]);
    expect(w.reply.classifier.calls).toEqual([]);
  });

  it('pauses the thread at the hourly cap and tells the owner once', async () => {
    const { w, notice, candidateSays } = await thread({ env: { CLOSELOOP_RELAY_HOURLY_CAP: '10' } });

    const outcomes = [];
    for (let i = 0; i < 12; i++) outcomes.push(await candidateSays(`Question number ${i + 1} about the role.`));

    const relays = await w.reply.relays.listByNotice(notice.id);
    expect(outcomes.filter((o) => o.relayId !== undefined)).toHaveLength(10);
    expect(relays.filter((r) => r.cause.kind === 'candidate-reply')).toHaveLength(10);
    const paused = relays.filter((r) => r.cause.kind === 'thread-paused');
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({ to: OWNER, direction: 'to-recruiter', text: expect.stringContaining('10') });
    // Every turn is still read and recorded.
    expect(outcomes.every((o) => o.status === 'classified')).toBe(true);
  });

  it('keys the pause on the window, which runs an hour from its first relay: one notice, answerable, with its end', async () => {
    const { w, notice, candidateSays } = await thread({ env: { CLOSELOOP_RELAY_HOURLY_CAP: '2' } });
    w.clock.set('2026-11-20T10:40:00.000Z');

    await candidateSays('First question about the role.');
    await candidateSays('Second question about the role.');
    await candidateSays('Third question, over the cap before the clock hour ends.');
    w.clock.set('2026-11-20T11:10:00.000Z');
    await candidateSays('Fourth question, still in the same window.');

    const relays = await w.reply.relays.listByNotice(notice.id);
    const paused = relays.filter((r) => r.cause.kind === 'thread-paused');
    expect(paused).toHaveLength(1);
    expect(paused[0]?.cause).toMatchObject({ windowStart: '2026-11-20T10:40:00.000Z' });
    expect(paused[0]?.text).toContain('until 2026-11-20 11:40 UTC');
    const turn = relays.find((r) => r.cause.kind === 'candidate-reply');
    expect(turn?.replyTo).toMatch(/^recruiter\+/);
    expect(paused[0]?.replyTo).toBe(turn?.replyTo);
  });
});

describe('the hostile relay policy', () => {
  it('summary (the default): the owner is told a bridge-burned reply arrived, without the abuse', async () => {
    const { w, relayOf, candidateSays } = await thread();

    const outcome = await candidateSays(INSULT);

    const relay = await relayOf(outcome.relayId);
    expect(outcome.flags).toEqual(['bridge-burned']);
    expect(relay.text).toBe('');
    expect(relay.banner).toMatchObject({ flags: ['bridge-burned'], withheld: true });
    expect(relay.banner?.evidence).toBeUndefined();
    expect(w.reply.notifier.sent.map((n) => n.flag)).toEqual(['bridge-burned']);
  });

  it('full: the turn is relayed with its evidence', async () => {
    const { relayOf, candidateSays } = await thread({ env: { CLOSELOOP_HOSTILE_RELAY: 'full' } });

    const relay = await relayOf((await candidateSays(INSULT)).relayId);

    expect(relay.text).toBe(INSULT);
    expect(relay.banner).toMatchObject({
      flags: ['bridge-burned'],
      evidence: 'This job must be a scam and you the trickster.',
    });
    expect(relay.banner?.withheld).toBeUndefined();
  });

  it('none: nothing is relayed; the flag and its notification still are', async () => {
    const { w, notice, candidateSays } = await thread({ env: { CLOSELOOP_HOSTILE_RELAY: 'none' } });

    const outcome = await candidateSays(INSULT);

    expect(outcome.flags).toEqual(['bridge-burned']);
    expect(outcome.relayId).toBeUndefined();
    expect(await w.reply.relays.listByNotice(notice.id)).toEqual([]);
    expect(w.reply.notifier.sent.map((n) => n.flag)).toEqual(['bridge-burned']);
  });
});

describe('flags follow the conversation', () => {
  it('a civil question then an insult ends bridge-burned with the burning turn’s evidence; an apology asks for review', async () => {
    const { w, notice, candidateSays } = await thread();

    await candidateSays(QUESTION);
    const insult = await candidateSays(INSULT);
    const apology = await candidateSays('I am sorry, thank you for your time and please keep in touch.');

    const burned = await w.reply.flags.get(notice.candidateId, 'bridge-burned');
    expect(burned).toMatchObject({ status: 'raised', replyIds: [insult.replyId] });
    expect(burned?.evidence[0]?.sentence).toBe('This job must be a scam and you the trickster.');
    expect(apology.flags).toEqual(['warm', 'needs-review']);
    expect(await w.reply.flags.get(notice.candidateId, 'needs-review')).toMatchObject({
      reason: 'Apologised after burning the bridge',
      replyIds: [apology.replyId],
    });
  });
});

describe("the recruiter's answer is relayed to the candidate", () => {
  it('keeps only what the owner wrote (no banner, no quote) and threads it on the candidate’s turn', async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION, 'q1@mail.example.com')).relayId);

    // Unquoted copy below the answer, as some clients forward it: the banner and candidate's words are cut.
    const outcome = await ownerAnswers(question, `${ANSWER}\n\nGrace\n\n${relayCopy(question)}`);

    expect(outcome).toMatchObject({ status: 'relayed', flags: [] });
    const relay = await relayOf(outcome.relayId);
    expect(relay).toMatchObject({
      direction: 'to-candidate',
      to: 'ada@example.com',
      from: '"Grace Hopper" <talent@acme.example>',
      replyTo: w.replyTo(notice),
      text: ANSWER,
      inReplyTo: 'q1@mail.example.com',
      // SES replaces our Message-ID: the candidate's client saw the rejection as <id@email.amazonses.com>.
      references: [`${notice.sesMessageId}@email.amazonses.com`, 'q1@mail.example.com'],
      cause: { kind: 'recruiter-mail' },
    });
    expect(relay.banner).toBeUndefined();
    expect(relay.subject).not.toMatch(/Feedback|\[/);
    // The recruiter's words are not classified and raise nothing.
    expect(w.reply.classifier.calls).toEqual([QUESTION]);
    expect(await w.reply.flags.get(notice.candidateId, 'feedback-requested')).toMatchObject({
      answeredAt: expect.any(String),
      history: expect.arrayContaining([expect.objectContaining({ action: 'answered', relayId: relay.id })]),
    });
  });

  it('cuts a Gmail-quoted relay copy too, and relays a message processed twice once', async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);
    const mail = { messageId: 'answer-1@acme.example' };

    const first = await ownerAnswers(question, `${ANSWER}\n\n${gmailQuote(relayCopy(question))}`, mail);
    const again = await ownerAnswers(question, `${ANSWER}\n\n${gmailQuote(relayCopy(question))}`, mail);

    expect((await relayOf(first.relayId)).text).toBe(ANSWER);
    expect(again).toMatchObject({ relayId: first.relayId, duplicate: true });
    expect((await w.reply.relays.listByNotice(notice.id)).filter((r) => r.direction === 'to-candidate')).toHaveLength(
      1,
    );
  });

  it("counts the owner's answers in the thread's hourly cap: over it, not relayed and the owner told once", async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread({
      env: { CLOSELOOP_RELAY_HOURLY_CAP: '2' },
    });
    const question = await relayOf((await candidateSays(QUESTION)).relayId);

    const first = await ownerAnswers(question, ANSWER, { messageId: 'answer-1@acme.example' });
    const second = await ownerAnswers(question, `${ANSWER} Also, good luck.`, { messageId: 'answer-2@acme.example' });
    const third = await ownerAnswers(question, `${ANSWER} One more thing.`, { messageId: 'answer-3@acme.example' });

    expect(first.status).toBe('relayed');
    expect(second.status).not.toBe('relayed');
    expect(second.correlation?.reason).toMatch(/^Not relayed: the thread reached its hourly limit .* paused until/);
    expect(third.status).not.toBe('relayed');
    const relays = await w.reply.relays.listByNotice(notice.id);
    expect(relays.map((r) => r.cause.kind).sort()).toEqual(['candidate-reply', 'recruiter-mail', 'thread-paused']);
    expect(relays.find((r) => r.cause.kind === 'thread-paused')).toMatchObject({
      to: OWNER,
      replyTo: question.replyTo,
    });
  });

  it("cuts the recruiter's relayed answer the candidate kept unquoted in their next turn", async () => {
    const { w, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);
    await ownerAnswers(question, ANSWER);

    const next = await candidateSays(`Thank you, that helps a lot.\n\n${ANSWER}\n\nGrace Hopper`);

    expect(w.reply.classifier.calls.at(-1)).toBe('Thank you, that helps a lot.');
    expect((await w.reply.replies.get(next.replyId))?.text).toBe('Thank you, that helps a lot.');
  });

  it('refuses a stranger writing to the recruiter-side address: recorded on the candidate, nothing relayed', async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);

    const outcome = await ownerAnswers(question, 'I am the recruiter, send me her number.', {
      from: 'Mallory <mallory@evil.example>',
    });

    expect(outcome.status).not.toBe('relayed');
    expect(outcome.correlation).toEqual({
      method: 'none',
      candidateId: notice.candidateId,
      reason: 'Refused: written to a recruiter-side address by someone who does not own the thread',
    });
    expect(await w.reply.replies.get(outcome.replyId)).toBeDefined();
    expect((await w.reply.relays.listByNotice(notice.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
  });

  it("refuses the owner's address when SES's topmost verdict fails, whatever a forged lower header says", async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);

    const outcome = await ownerAnswers(question, ANSWER, {
      // SES's own result first (it prepends it), the sender's forged one below.
      headers: { 'Authentication-Results': SES_FAIL, 'authentication-results': SES_PASS },
    });

    expect(outcome.correlation?.reason).toMatch(/^Refused: SES does not vouch for the sender/);
    expect((await w.reply.relays.listByNotice(notice.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
  });

  it("refuses SPF and DKIM passes for another domain when the owner's domain has no DMARC", async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);

    const outcome = await ownerAnswers(question, 'It is a scam after all, wire me the fee.', {
      headers: {
        'Authentication-Results':
          'amazonses.com; spf=pass (spfCheck: domain of evil.example designates 203.0.113.9 as permitted sender) ' +
          'client-ip=203.0.113.9; envelope-from=bounce@evil.example; helo=evil.example; ' +
          'dkim=pass header.i=@evil.example; dmarc=none header.from=acme.example;',
      },
    });

    expect(outcome.correlation?.reason).toMatch(/^Refused: SES does not vouch for the sender \(neither DMARC/);
    expect((await w.reply.relays.listByNotice(notice.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
  });

  it('refuses a From that names the owner and another mailbox', async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);

    const outcomes = [
      await ownerAnswers(question, ANSWER, { from: `Grace Hopper <${OWNER}> <eve@evil.example>` }),
      await ownerAnswers(question, ANSWER, { from: `"Grace Hopper" <${OWNER}>, eve@evil.example` }),
    ];

    expect(outcomes.map((o) => o.correlation?.reason)).toEqual([
      'Refused: written to a recruiter-side address by someone who does not own the thread (its From names 2 mailboxes)',
      'Refused: written to a recruiter-side address by someone who does not own the thread (its From names 2 mailboxes)',
    ]);
    expect((await w.reply.relays.listByNotice(notice.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
  });

  it("records the owner's out-of-office and relays nothing", async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);

    const outcome = await ownerAnswers(question, 'I am out of the office until Monday.', {
      subject: 'Automatic reply: out of office',
      headers: { 'Authentication-Results': SES_PASS, 'Auto-Submitted': 'auto-replied' },
    });

    expect(outcome.status).toBe('auto-reply');
    expect(outcome.correlation?.method).toBe('none');
    expect((await w.reply.relays.listByNotice(notice.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
  });

  it("records a mailing list's copy of the owner's mail and relays nothing", async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);

    const outcome = await ownerAnswers(question, ANSWER, {
      headers: { 'Authentication-Results': SES_PASS, 'List-Id': 'Recruiting <recruiting.acme.example>' },
    });

    expect(outcome.correlation?.reason).toBe('Automatic mail from the owner, never relayed (Mailing list (List-Id))');
    expect((await w.reply.relays.listByNotice(notice.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
  });

  it('relays nothing to an erased candidate', async () => {
    const { w, notice, relayOf, candidateSays, ownerAnswers } = await thread();
    const question = await relayOf((await candidateSays(QUESTION)).relayId);
    await w.reply.erasures.save(
      anErasureInProgress({
        candidateId: notice.candidateId,
        requestedAt: w.clock.now().toISOString(),
        requestedBy: 'sub-admin',
      }),
    );

    const outcome = await ownerAnswers(question, ANSWER);

    expect(outcome.status).toBe('erased');
    expect((await w.reply.relays.listByNotice(notice.id)).map((r) => r.direction)).toEqual(['to-recruiter']);
  });
});
