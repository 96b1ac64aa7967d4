import { describe, expect, it } from 'vitest';
import { type AutoReplySignals, autoReplyReason } from '#core/domain/auto-reply.ts';

const human: AutoReplySignals = {
  headers: {},
  contentType: 'text/plain',
  from: 'ada@example.com',
  subject: 'Re: Your application for Analytical Engineer at Acme',
};
const signals = (over: Partial<AutoReplySignals>): AutoReplySignals => ({ ...human, ...over });

describe('recognizing machine answers', () => {
  it.each([
    [{ headers: { 'auto-submitted': 'auto-replied' } }, 'Auto-Submitted: auto-replied'],
    [
      { headers: { 'auto-submitted': 'Auto-Generated; owner-email="x@example.com"' } },
      'Auto-Submitted: auto-generated',
    ],
    [{ headers: { 'x-autoreply': 'yes' } }, 'X-Autoreply header'],
    [{ headers: { 'x-autorespond': 'vacation' } }, 'X-Autorespond header'],
    [{ headers: { precedence: 'auto_reply' } }, 'Precedence: auto_reply'],
    [{ headers: { precedence: 'Bulk' } }, 'Precedence: bulk'],
    [{ headers: { precedence: 'junk' } }, 'Precedence: junk'],
    [{ headers: { precedence: 'list' } }, 'Precedence: list'],
    [{ contentType: 'multipart/report' }, 'Delivery or read report (multipart/report)'],
    [{ from: 'MAILER-DAEMON@mx.example.org' }, 'Sent by MAILER-DAEMON'],
    [{ from: 'postmaster@example.org' }, 'Sent by POSTMASTER'],
    [{ headers: { 'return-path': '<>' } }, 'Null return path (bounce or automatic answer)'],
    [{ headers: { 'list-id': 'Hiring talk <hiring.lists.example.org>' } }, 'Mailing list (List-Id)'],
    [{ headers: { 'list-post': '<mailto:hiring@lists.example.org>' } }, 'Mailing list (List-Post)'],
    [{ headers: { 'x-loop': 'helpdesk@example.org' } }, 'X-Loop header'],
  ] as const)('%o → %s', (over, reason) => {
    expect(autoReplyReason(signals(over as Partial<AutoReplySignals>))).toBe(reason);
  });

  it.each([
    'Out of Office: Your application for Analytical Engineer',
    'Automatic reply: Your application',
    'Auto-Reply: Your application',
    'Autoreply',
    'Away from the office',
    'Abwesenheitsnotiz: Ihre Bewerbung',
    'Automatische Antwort: Ihre Bewerbung',
    'Réponse automatique : Votre candidature',
    "Message d'absence",
    'Absent du bureau',
    'Respuesta automática: Su candidatura',
    'Fuera de la oficina',
    'Undeliverable: Your application',
    'Risposta automatica: candidatura',
  ])('treats the subject "%s" as automatic', (subject) => {
    expect(autoReplyReason(signals({ subject }))).toMatch(/^Automatic subject/);
  });

  it.each([
    'Re: Your application for Analytical Engineer at Acme',
    "Re: I'm away next week, but thank you",
    'Auto mechanic role?',
    'Away game tonight, but wanted to say thanks',
    'Re: Automatic rejection? Really?',
    'Absence of feedback',
    'Out of curiosity: why was I rejected?',
    'Vacation plans aside, thanks for the update',
  ])('lets the human subject "%s" through', (subject) => {
    expect(autoReplyReason(signals({ subject }))).toBeUndefined();
  });

  it('lets a reply that only carries List-Unsubscribe through (one-to-one senders add it too)', () => {
    expect(autoReplyReason(signals({ headers: { 'list-unsubscribe': '<mailto:u@example.org>' } }))).toBeUndefined();
  });

  it('lets a human reply with Auto-Submitted: no and an ordinary Precedence through', () => {
    expect(
      autoReplyReason(signals({ headers: { 'auto-submitted': 'no', precedence: 'first-class' } })),
    ).toBeUndefined();
  });
});
