import { describe, expect, it } from 'vitest';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { MalformedMailError } from '#core/domain/errors.ts';

const parser = new MailparserInboundParser();

/** A raw message from header lines and a body, CRLF throughout, as bytes (a body may hold any charset's bytes). */
function message(headers: string[], body: Uint8Array | string): Uint8Array {
  const head = new TextEncoder().encode(
    [
      'From: Ada Lovelace <ada@example.com>',
      'To: reply+token@replies.acme.example',
      'Subject: Re: Your application',
      'Message-ID: <m1@example.com>',
      'MIME-Version: 1.0',
      ...headers,
      '',
      '',
    ].join('\r\n'),
  );
  const tail = typeof body === 'string' ? new TextEncoder().encode(body.replace(/(?<!\r)\n/g, '\r\n')) : body;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

describe('MailparserInboundParser: charsets', () => {
  it('decodes ISO-8859-1 bytes in quoted-printable', async () => {
    const parsed = await parser.parse(
      message(
        ['Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable'],
        'Vielen Dank f=FCr Ihre Nachricht. Gr=FC=DFe, Jos=E9',
      ),
    );
    expect(parsed.text.trim()).toBe('Vielen Dank für Ihre Nachricht. Grüße, José');
  });

  it('decodes raw 8-bit Windows-1252 and KOI8-R bodies', async () => {
    const cp1252 = await parser.parse(
      message(
        ['Content-Type: text/plain; charset=windows-1252', 'Content-Transfer-Encoding: 8bit'],
        Uint8Array.from([0x93, 0x4d, 0x65, 0x72, 0x63, 0x69, 0x94, 0x20, 0x80, 0x35]),
      ),
    );
    expect(cp1252.text.trim()).toBe('“Merci” €5');
    // "Спасибо" in KOI8-R
    const koi8 = await parser.parse(
      message(
        ['Content-Type: text/plain; charset=koi8-r', 'Content-Transfer-Encoding: 8bit'],
        Uint8Array.from([0xf3, 0xd0, 0xc1, 0xd3, 0xc9, 0xc2, 0xcf]),
      ),
    );
    expect(koi8.text.trim()).toBe('Спасибо');
  });

  it('decodes an encoded-word subject and a base64 UTF-8 body', async () => {
    const parsed = await parser.parse(
      message(
        ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'],
        Buffer.from('¡Muchas gracias! 谢谢').toString('base64'),
      ),
    );
    expect(parsed.text.trim()).toBe('¡Muchas gracias! 谢谢');
    const subject = await parser.parse(
      new TextEncoder().encode(
        'From: a@example.com\r\nSubject: =?utf-8?B?UmU6IERhbmtlIHNjaMO2bg==?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhi\r\n',
      ),
    );
    expect(subject.subject).toBe('Re: Danke schön');
  });

  it('still reads a message in a charset nobody knows, without failing', async () => {
    const parsed = await parser.parse(
      message(['Content-Type: text/plain; charset=x-unknown-42', 'Content-Transfer-Encoding: 8bit'], 'Thanks a lot'),
    );
    expect(parsed.text).toContain('Thanks a lot');
  });
});

describe('MailparserInboundParser: structure', () => {
  it('prefers the text part of multipart/alternative over the HTML', async () => {
    const parsed = await parser.parse(
      message(
        ['Content-Type: multipart/alternative; boundary="alt"'],
        [
          '--alt',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Plain thanks.',
          '--alt',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>HTML thanks.</p>',
          '--alt--',
          '',
        ].join('\n'),
      ),
    );
    expect(parsed.text.trim()).toBe('Plain thanks.');
    expect(parsed.notes).toEqual([]);
  });

  it('turns an HTML-only reply into text, leaving out the quoted email and any markup, and says so', async () => {
    const parsed = await parser.parse(
      message(
        ['Content-Type: text/html; charset=utf-8'],
        '<div>Thank you &amp; <b>good luck</b>!<script>alert(1)</script></div>' +
          '<blockquote class="gmail_quote">Dear Ada, we decided not to proceed</blockquote>',
      ),
    );
    expect(parsed.text).toContain('Thank you & good luck!');
    expect(parsed.text).not.toContain('<');
    expect(parsed.text).not.toContain('alert(1)');
    expect(parsed.text).not.toContain('we decided not to proceed');
    expect(parsed.notes).toContain('HTML-only message converted to text');
  });

  it('reads the text beside attachments, keeps nothing of them, and notes how many and how large', async () => {
    const pdf = Buffer.alloc(300 * 1024, 7)
      .toString('base64')
      .replace(/.{76}/g, '$&\n');
    const parsed = await parser.parse(
      message(
        ['Content-Type: multipart/mixed; boundary="mix"'],
        [
          '--mix',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Please find my portfolio attached.',
          '--mix',
          'Content-Type: application/pdf; name="portfolio.pdf"',
          'Content-Disposition: attachment; filename="portfolio.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          pdf,
          '--mix',
          'Content-Type: image/png; name="me.png"',
          'Content-Disposition: inline; filename="me.png"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('not really a png').toString('base64'),
          '--mix--',
          '',
        ].join('\n'),
      ),
    );
    expect(parsed.text.trim()).toBe('Please find my portfolio attached.');
    expect(parsed.notes).toEqual(['2 attachments ignored (0.3 MB)']);
    // Only names and sizes are kept (the relay banner lists them); the content is thrown away.
    expect(parsed.attachments).toEqual([
      { filename: 'portfolio.pdf', sizeBytes: expect.any(Number) },
      { filename: 'me.png', sizeBytes: 16 },
    ]);
    expect(JSON.stringify(parsed)).not.toContain('not really a png');
  });

  it('refuses a message nested deeper than the parser allows, as malformed', async () => {
    const depth = 2_000;
    const opening = Array.from(
      { length: depth },
      (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`,
    ).join('');
    const raw = message([`Content-Type: multipart/mixed; boundary="b0"`], `${opening}--b${depth}\r\n\r\nhi\r\n`);
    await expect(parser.parse(raw)).rejects.toBeInstanceOf(MalformedMailError);
  });
});

describe('MailparserInboundParser: the From header', () => {
  const withFrom = (...fromLines: string[]) =>
    new TextEncoder().encode(
      [
        ...fromLines.map((f) => `From: ${f}`),
        'To: recruiter+t@replies.acme.example',
        'Subject: Re: x',
        '',
        'Hi',
        '',
      ].join('\r\n'),
    );

  it('counts one mailbox for a plain From, a quoted name holding an @ and a comment', async () => {
    for (const from of [
      'Jane <jane@acme.example>',
      '"eve@evil.example" <jane@acme.example>',
      'jane@acme.example (Jane)',
    ]) {
      const parsed = await parser.parse(withFrom(from));
      expect([from, parsed.from, parsed.fromMailboxes]).toEqual([from, 'jane@acme.example', 1]);
    }
  });

  it('counts every mailbox of a From that names more than one, however it is written', async () => {
    const counts = await Promise.all(
      [
        ['Jane <jane@acme.example> <eve@evil.example>'],
        ['"Jane" <jane@acme.example>, eve@evil.example'],
        ['jane@acme.example eve@evil.example'],
        ['team: jane@acme.example;'],
        ['jane@acme.example', 'eve@evil.example'],
      ].map(async (lines) => (await parser.parse(withFrom(...lines))).fromMailboxes),
    );

    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });
});

describe('MailparserInboundParser: the headers auto-reply rules read', () => {
  it('exposes List-Id, List-Post and X-Loop', async () => {
    const parsed = await parser.parse(
      message(
        ['List-Id: Hiring <hiring.lists.example.org>', 'List-Post: <mailto:hiring@lists.example.org>', 'X-Loop: a@b.c'],
        'Hi',
      ),
    );

    expect(parsed.headers).toMatchObject({
      'list-id': 'Hiring <hiring.lists.example.org>',
      'list-post': '<mailto:hiring@lists.example.org>',
      'x-loop': 'a@b.c',
    });
  });
});

describe('MailparserInboundParser: characters nobody should see', () => {
  it('drops NUL, other controls and bidi overrides from an encoded subject and body, keeping line breaks', async () => {
    // An encoded-word carries any character into the subject, as a base64 body does into the text.
    const subject = Buffer.from('Re: \u202Egnitirw\u202C ok\u0000\u0007').toString('base64');
    const body = Buffer.from('Thank you\u2066!\u2069\u0000\nSee you\tsoon\u001B[31m').toString('base64');
    const parsed = await parser.parse(
      new TextEncoder().encode(
        `From: a@example.com\r\nSubject: =?utf-8?B?${subject}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n`,
      ),
    );
    expect(parsed.subject).toBe('Re: gnitirw ok');
    expect(parsed.text.trim()).toBe('Thank you!\nSee you\tsoon[31m');
  });

  it("drops a right-to-left override from an attachment's name (`cv<RLO>fdp.exe` would read as `cvexe.pdf`)", async () => {
    const parsed = await parser.parse(
      message(
        ['Content-Type: multipart/mixed; boundary="mix"'],
        [
          '--mix',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'My CV.',
          '--mix',
          'Content-Type: application/octet-stream',
          "Content-Disposition: attachment; filename*=UTF-8''cv%E2%80%AEfdp.exe",
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('MZ').toString('base64'),
          '--mix--',
          '',
        ].join('\n'),
      ),
    );
    expect(parsed.attachments).toEqual([{ filename: 'cvfdp.exe', sizeBytes: 2 }]);
  });
});
