/** Builds raw RFC 822 messages for tests, the way a mail client would send them (CRLF line ends). */
export interface MailParts {
  readonly from?: string;
  readonly to?: string;
  readonly subject?: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
  readonly body: string;
}

export function aMail(parts: MailParts): string {
  const lines = [
    `From: ${parts.from ?? 'Ada Lovelace <ada@example.com>'}`,
    ...(parts.to === undefined ? [] : [`To: ${parts.to}`]),
    `Subject: ${parts.subject ?? 'Re: Your application for Analytical Engineer at Acme'}`,
    `Date: Fri, 20 Nov 2026 12:00:00 +0000`,
    `Message-ID: <${parts.messageId ?? `${Math.random().toString(36).slice(2)}@mail.example.com`}>`,
    ...(parts.inReplyTo === undefined ? [] : [`In-Reply-To: <${parts.inReplyTo}>`]),
    ...(parts.references === undefined ? [] : [`References: ${parts.references}`]),
    'MIME-Version: 1.0',
    `Content-Type: ${parts.contentType ?? 'text/plain; charset=utf-8'}`,
    'Content-Transfer-Encoding: 8bit',
    ...Object.entries(parts.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    '',
    parts.body,
  ];
  return lines.join('\r\n').replace(/(?<!\r)\n/g, '\r\n');
}

/** Quotes text the way Gmail does: an attribution line, then every line prefixed with "> ". */
export function gmailQuote(text: string, sender = 'Acme Talent <talent@acme.example>'): string {
  return [
    `On Fri, Nov 20, 2026 at 10:00 AM ${sender} wrote:`,
    '',
    ...text.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)),
  ].join('\n');
}

/** Quotes text the way Outlook does: a rule, a From/Sent/To/Subject block, then the text unmarked. */
export function outlookQuote(text: string, subject: string): string {
  return [
    '________________________________',
    'From: Acme Talent <talent@acme.example>',
    'Sent: Friday, November 20, 2026 10:00 AM',
    'To: Ada Lovelace <ada@example.com>',
    `Subject: ${subject}`,
    '',
    text,
  ].join('\n');
}
