/**
 * How mail clients quote the email they answer, as plain text and as HTML-only MIME: used to measure how
 * much of our own email leaks into what we keep. Generated here from our real rendered email, because the
 * public datasets quote other people's mail.
 */
export interface QuotedReply {
  readonly style: string;
  /** A raw RFC 822 message. */
  readonly raw: string;
}

const lines = (text: string) => text.split('\n');
const quote = (text: string, marker = '> ') =>
  lines(text)
    .map((l) => (l === '' ? marker.trim() : `${marker}${l}`))
    .join('\n');
const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlParagraphs = (t: string) =>
  lines(t)
    .map((l) => (l === '' ? '<br>' : `<div>${escapeHtml(l)}</div>`))
    .join('\n');

/** Rewraps at a width, as clients that quote with `>` do. */
function rewrap(text: string, width: number): string {
  return lines(text)
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current.length + word.length + 1 > width && current !== '') {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

function mime(body: string, contentType: string, subject: string): string {
  return [
    'From: Ada Lovelace <ada@example.com>',
    'To: reply+abcdefghijklmnopqrstuvwxyz234567@replies.acme.example',
    `Subject: Re: ${subject}`,
    'Message-ID: <bench@mail.example.com>',
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ]
    .join('\n')
    .replace(/\r?\n/g, '\r\n');
}

export function quotedReplies(reply: string, sent: { subject: string; text: string }): QuotedReply[] {
  const plain = (style: string, body: string): QuotedReply => ({
    style,
    raw: mime(body, 'text/plain', sent.subject),
  });
  const html = (style: string, body: string): QuotedReply => ({ style, raw: mime(body, 'text/html', sent.subject) });
  const from = 'Acme Talent <talent@acme.example>';
  return [
    plain('Gmail', `${reply}\n\nOn Fri, Nov 20, 2026 at 10:00 AM ${from} wrote:\n\n${quote(rewrap(sent.text, 76))}`),
    plain(
      'Gmail (de)',
      `${reply}\n\nAm Fr., 20. Nov. 2026 um 10:00 Uhr schrieb Acme Talent <\ntalent@acme.example>:\n\n${quote(sent.text)}`,
    ),
    plain(
      'Gmail (fr)',
      `${reply}\n\nLe ven. 20 nov. 2026 à 10:00, Acme Talent <talent@acme.example> a écrit :\n\n${quote(sent.text)}`,
    ),
    plain(
      'Gmail (es)',
      `${reply}\n\nEl vie, 20 nov 2026 a las 10:00, Acme Talent (<talent@acme.example>) escribió:\n\n${quote(sent.text)}`,
    ),
    plain(
      'Outlook',
      `${reply}\n\n________________________________\nFrom: ${from}\nSent: Friday, November 20, 2026 10:00 AM\nTo: Ada Lovelace <ada@example.com>\nSubject: ${sent.subject}\n\n${sent.text}`,
    ),
    plain(
      'Outlook (de)',
      `${reply}\n\nVon: ${from}\nGesendet: Freitag, 20. November 2026 10:00\nAn: Ada Lovelace <ada@example.com>\nBetreff: ${sent.subject}\n\n${sent.text}`,
    ),
    plain('Apple Mail', `${reply}\n\n> On 20 Nov 2026, at 10:00, ${from} wrote:\n> \n${quote(sent.text)}`),
    plain('Thunderbird', `${reply}\n\nOn 11/20/26 10:00, Acme Talent wrote:\n${quote(rewrap(sent.text, 72))}`),
    plain(
      'iPhone',
      `${reply}\n\nSent from my iPhone\n\n> On Nov 20, 2026, at 10:00, ${from} wrote:\n> \n${quote(sent.text)}`,
    ),
    plain(
      'Android',
      `${reply}\n\n-------- Original message --------\nFrom: ${from}\nDate: 20/11/2026 10:00 (GMT+00:00)\nTo: ada@example.com\nSubject: ${sent.subject}\n\n${sent.text}`,
    ),
    plain('No header, no markers', `${reply}\n\n${sent.text}`),
    plain('Unknown header', `${reply}\n\n=== Nachricht von Acme Talent ===\n${rewrap(sent.text, 60)}`),
    html(
      'Gmail HTML-only',
      `<div dir="ltr">${htmlParagraphs(reply)}</div><br><div class="gmail_quote"><div class="gmail_attr">On Fri, Nov 20, 2026 at 10:00 AM Acme Talent &lt;talent@acme.example&gt; wrote:<br></div><blockquote class="gmail_quote">${htmlParagraphs(sent.text)}</blockquote></div>`,
    ),
    html(
      'Outlook HTML-only',
      `<html><body><div>${htmlParagraphs(reply)}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Acme Talent &lt;talent@acme.example&gt;<br><b>Sent:</b> Friday, November 20, 2026 10:00 AM<br><b>To:</b> Ada Lovelace &lt;ada@example.com&gt;<br><b>Subject:</b> ${escapeHtml(sent.subject)}</div><div>${htmlParagraphs(sent.text)}</div></body></html>`,
    ),
    html(
      'Apple Mail HTML-only',
      `<html><body><div>${htmlParagraphs(reply)}</div><div><br><blockquote type="cite">On 20 Nov 2026, at 10:00, Acme Talent &lt;talent@acme.example&gt; wrote:<br><br>${htmlParagraphs(sent.text)}</blockquote></div></body></html>`,
    ),
  ];
}

/** What candidates write back, in the languages of the quoting styles. */
export const CANDIDATE_REPLIES = [
  'Thank you for letting me know.',
  'Thanks for the update, and for your time. I would love to stay in touch.',
  'I am disappointed, but I understand. Could you share some feedback on my interview?',
  "That's a shame. I really wanted this job.\n\nCould you tell me what I could have done better?",
  'Please keep me in mind for future roles. I am also happy to be referred to other teams.',
  'This is unfair. I had all the qualifications you asked for.',
  'I withdraw my other application as well; I am no longer interested in working at Acme.',
  'Vielen Dank für Ihre Rückmeldung. Ich wünsche Ihnen viel Erfolg bei der Suche.',
  'Merci pour votre réponse. Bonne continuation !',
  'Gracias por avisarme. Me encantaría seguir en contacto.',
  'ok',
  'This job must be a scam and you the trickster … you are a dick.',
];
