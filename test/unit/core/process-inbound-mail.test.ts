import { describe, expect, it } from 'vitest';
import { withLocalSesVerdicts } from '#local/local-ses-verdicts.ts';
import { aMail, gmailQuote, outlookQuote } from '#test/support/mail.ts';
import { replyWorld } from '#test/support/reply-world.ts';

const WARM = 'Thank you so much for letting me know. I would love to stay in touch, and please recommend me elsewhere.';
const HOSTILE = 'This job must be a scam and you the trickster. You are a dick.';

describe('processing an inbound reply', () => {
  it('correlates a reply by its token, keeps only what the candidate wrote and raises warm', async () => {
    // Prepare
    const w = replyWorld();
    const notice = await w.sentNotice();
    const body = `${WARM}\n\nBest regards,\nAda\n\n${gmailQuote(w.sentText(notice))}`;

    // Act
    const outcome = await w.inbound(aMail({ to: w.replyTo(notice), body }));

    // Assess
    expect(outcome).toMatchObject({ status: 'classified', duplicate: false, flags: ['warm'] });
    expect(outcome.correlation).toMatchObject({ method: 'token', noticeId: notice.id, senderMatchesCandidate: true });
    const reply = await w.reply.replies.get(outcome.replyId);
    expect(reply?.text).toBe(WARM);
    expect(reply?.classification?.intents).toEqual(['thanks', 'keep-in-touch', 'referral-request']);
    expect(reply?.processedAt).toBeDefined();
    expect(reply?.correlation.candidateId).toBe(notice.candidateId);
    expect(await w.reply.flags.get(notice.candidateId, 'warm')).toMatchObject({
      status: 'raised',
      replyIds: [outcome.replyId],
      noticeId: notice.id,
    });
    expect(w.reply.notifier.sent).toEqual([
      expect.objectContaining({ flag: 'warm', candidateId: notice.candidateId, jobTitle: 'Analytical Engineer' }),
    ]);
    expect(w.events.published.map((e) => e.type)).toContain('CandidateFlagRaised');
    expect(w.events.published.map((e) => e.type)).toContain('ReplyReceived');
  });

  it("tells the classifier the notice's locale as a fallback and whether our email offered feedback", async () => {
    // Prepare
    const w = replyWorld();
    const offered = await w.sentNotice({
      applicationId: 'app-offered',
      feedbackOffered: true,
      candidate: { name: 'Anna Weber', email: 'anna@example.com', locale: 'de' },
    });
    const plain = await w.sentNotice({ applicationId: 'app-plain', feedbackOffered: false });

    // Act
    await w.inbound(aMail({ from: 'anna@example.com', to: w.replyTo(offered), body: 'Ja, gerne.' }));
    await w.inbound(aMail({ to: w.replyTo(plain), body: 'Thanks!' }));

    // Assess
    expect(w.reply.classifier.options).toEqual([
      { fallbackLanguage: 'de', thread: { offeredFeedback: true } },
      { fallbackLanguage: 'en', thread: { offeredFeedback: false } },
    ]);
  });

  it('raises bridge-burned on a hostile reply, with the sentence and its categories as evidence', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const outcome = await w.inbound(
      aMail({ to: w.replyTo(notice), body: `${HOSTILE}\n\n${outlookQuote(w.sentText(notice), 'Your application')}` }),
    );

    expect(outcome.flags).toEqual(['bridge-burned']);
    const flag = await w.reply.flags.get(notice.candidateId, 'bridge-burned');
    expect(flag?.evidence).toEqual([
      { sentence: 'This job must be a scam and you the trickster.', categories: ['accusation'], score: 0.95 },
      { sentence: 'You are a dick.', categories: ['insult'], score: 0.95 },
    ]);
    expect(flag?.reason).toBe('Hostile reply (accusation, insult)');
  });

  it('asks for review instead when the hostile reply comes from another address than the candidate’s', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const outcome = await w.inbound(aMail({ from: 'someone.else@example.org', to: w.replyTo(notice), body: HOSTILE }));

    expect(outcome.flags).toEqual(['needs-review']);
    expect(outcome.correlation).toMatchObject({ method: 'token', senderMatchesCandidate: false });
    expect(await w.reply.flags.get(notice.candidateId, 'bridge-burned')).toBeUndefined();
  });

  it('asks for review on a borderline score, and on legal or discrimination language, never bridge-burned', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const borderline = await w.inbound(aMail({ to: w.replyTo(notice), body: 'This is borderline rude.' }));
    const legal = await w.inbound(
      aMail({ to: w.replyTo(notice), body: 'I will talk to my lawyer about this discrimination.' }),
    );

    expect(borderline.flags).toEqual(['needs-review']);
    expect(legal.flags).toEqual(['needs-review']);
    const flag = await w.reply.flags.get(notice.candidateId, 'needs-review');
    expect(flag?.history.map((h) => h.action)).toEqual(['raised', 'raised-again']);
    expect(flag?.reason).toBe('Mentions legal action or discrimination');
  });

  it('raises feedback-requested and withdrew from the intents', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const outcome = await w.inbound(
      aMail({ to: w.replyTo(notice), body: 'Could you share some feedback? I am no longer interested anyway.' }),
    );

    expect(outcome.flags).toEqual(['feedback-requested', 'withdrew']);
  });

  it('records an out-of-office answer as an auto-reply: never classified, no flag', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const outcome = await w.inbound(
      aMail({
        to: w.replyTo(notice),
        subject: 'Automatic reply: Your application for Analytical Engineer at Acme',
        headers: { 'Auto-Submitted': 'auto-replied' },
        body: 'I am out of the office until Monday. Thank you, I will stay in touch.',
      }),
    );

    expect(outcome).toMatchObject({ status: 'auto-reply', flags: [] });
    const reply = await w.reply.replies.get(outcome.replyId);
    expect(reply?.autoReplyReason).toBe('Auto-Submitted: auto-replied');
    expect(reply?.correlation.method).toBe('token');
    expect(w.reply.classifier.calls).toEqual([]);
    expect(w.reply.flags.items.size).toBe(0);
  });

  it('records a bounce from MAILER-DAEMON as an auto-reply', async () => {
    const w = replyWorld();
    const outcome = await w.inbound(
      aMail({ from: 'MAILER-DAEMON@mx.example.org', subject: 'Failure notice', body: 'Delivery failed.' }),
    );
    expect(outcome.status).toBe('auto-reply');
    expect(w.reply.classifier.calls).toEqual([]);
  });

  it('falls back to In-Reply-To, then References, then the sender’s address', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();
    const sesId = `<${notice.sesMessageId}@eu-west-1.amazonses.com>`;

    const byInReplyTo = await w.inbound(
      aMail({ to: 'talent@acme.example', inReplyTo: `${notice.sesMessageId}@email.amazonses.com`, body: 'Thanks!' }),
    );
    const byReferences = await w.inbound(
      aMail({ to: 'talent@acme.example', references: `<other@example.com> ${sesId}`, body: 'Thanks again!' }),
    );
    // SES vouches for the sender (the local stand-in's verdicts: all passing for the From domain).
    const bySender = await w.inbound(
      withLocalSesVerdicts(
        new TextEncoder().encode(aMail({ to: 'talent@acme.example', body: 'Thanks a third time!' })),
      ),
    );

    expect(byInReplyTo.correlation).toMatchObject({ method: 'in-reply-to', noticeId: notice.id });
    expect(byReferences.correlation).toMatchObject({ method: 'references', noticeId: notice.id });
    expect(bySender.correlation).toMatchObject({ method: 'sender', noticeId: notice.id });
  });

  it('keeps an unmatched reply with the reason, listed for recruiters', async () => {
    const w = replyWorld();
    await w.sentNotice();

    const outcome = await w.inbound(
      aMail({
        from: 'stranger@example.org',
        to: `reply+${'a'.repeat(32)}@${w.config.sender.replyDomain}`,
        body: 'Is this position still open?',
      }),
    );

    expect(outcome).toMatchObject({ status: 'classified', flags: [], correlation: { method: 'none' } });
    const [listed] = (await w.reply.replies.listUnmatched({ limit: 10 })).items;
    expect(listed?.id).toBe(outcome.replyId);
    expect(listed?.correlation.reason).toBe(
      'Unmatched: reply token matched no notice; no In-Reply-To or References; no notice was sent to the sender',
    );
  });

  it('processes the same message twice into one reply, one flag and one notification', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();
    const message = aMail({ to: w.replyTo(notice), messageId: 'same-id@mail.example.com', body: HOSTILE });

    const first = await w.inbound(message);
    const second = await w.inbound(message);

    expect(second).toMatchObject({ replyId: first.replyId, duplicate: true, flags: ['bridge-burned'] });
    expect(w.reply.replies.items.size).toBe(1);
    expect(w.reply.notifier.sent).toHaveLength(1);
    expect(w.reply.classifier.calls).toHaveLength(1);
  });

  it('completes a reply whose flags were not raised when the function died, on the retry', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();
    const message = aMail({ to: w.replyTo(notice), messageId: 'crash@mail.example.com', body: WARM });
    const raise = w.reply.flags.raise.bind(w.reply.flags);
    let failures = 1;
    w.reply.flags.raise = async (input) => {
      if (failures-- > 0) throw new Error('DynamoDB unavailable');
      return raise(input);
    };

    await expect(w.inbound(message)).rejects.toThrow('DynamoDB unavailable');
    const retried = await w.inbound(message);

    expect(retried).toMatchObject({ status: 'classified', flags: ['warm'], duplicate: false });
    expect((await w.reply.replies.get(retried.replyId))?.processedAt).toBeDefined();
    expect(w.reply.notifier.sent).toHaveLength(1);
  });

  it('records a reply with nothing of the candidate’s own as empty, without classifying it', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();

    const outcome = await w.inbound(aMail({ to: w.replyTo(notice), body: gmailQuote(w.sentText(notice)) }));

    expect(outcome.status).toBe('empty');
    expect(w.reply.classifier.calls).toEqual([]);
  });

  it('rejects and records a message above the size limit without parsing it', async () => {
    const small = replyWorld({ maxBytes: 1024 });
    const notice = await small.sentNotice();
    const big = aMail({ to: small.replyTo(notice), body: `Thanks!\n${'x'.repeat(4096)}` });

    const outcome = await small.inbound(big);

    expect(outcome.status).toBe('rejected');
    const reply = await small.reply.replies.get(outcome.replyId);
    expect(reply?.rejectionReason).toMatch(/^The message is \d+ bytes; the limit is 1024$/);
    expect(small.reply.classifier.calls).toEqual([]);
  });

  it('rejects and records a message nested deeper than the parser allows, without classifying it', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();
    const depth = 2_000;
    const parts = Array.from(
      { length: depth },
      (_, i) => `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n`,
    );

    const outcome = await w.inbound(
      aMail({
        to: w.replyTo(notice),
        contentType: 'multipart/mixed; boundary="b0"',
        body: `${parts.join('\n')}\n--b${depth}\n\nThanks!\n`,
      }),
    );

    expect(outcome.status).toBe('rejected');
    expect((await w.reply.replies.get(outcome.replyId))?.rejectionReason).toMatch(/^Unreadable message: /);
    expect(w.reply.classifier.calls).toEqual([]);
  });

  it('classifies a reply that carries a 30 MB attachment, and records that the attachment was ignored', async () => {
    const w = replyWorld();
    const notice = await w.sentNotice();
    // 30 MB (decimal) of attachment, base64 in 76-character lines as mail clients send it: about 41 MB of
    // message, within the 40 MiB that SES receiving and Closeloop accept.
    const attachment = `${'QUFB'.repeat(19)}\n`.repeat(Math.ceil(30_000_000 / 57));
    const body = [
      '--mix',
      'Content-Type: text/plain; charset=utf-8',
      '',
      WARM,
      '--mix',
      'Content-Type: application/zip; name="portfolio.zip"',
      'Content-Disposition: attachment; filename="portfolio.zip"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment,
      '--mix--',
    ].join('\n');

    const outcome = await w.inbound(
      aMail({ to: w.replyTo(notice), contentType: 'multipart/mixed; boundary="mix"', body }),
    );

    expect(outcome).toMatchObject({ status: 'classified', flags: ['warm'] });
    const reply = await w.reply.replies.get(outcome.replyId);
    expect(reply?.text).toBe(WARM);
    expect(reply?.notes).toContain('1 attachment ignored (30.0 MB)');
  });

  it('rejects and records a message that is not MIME at all', async () => {
    const w = replyWorld();

    const outcome = await w.inbound(new Uint8Array([0, 1, 2, 255]));

    expect(outcome.status).toBe('rejected');
    expect((await w.reply.replies.get(outcome.replyId))?.rejectionReason).toBe(
      'Unreadable message: the message has no headers',
    );
  });
});
