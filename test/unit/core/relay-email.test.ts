import { describe, expect, it } from 'vitest';
import type { FlagName } from '#core/domain/candidate-flag.ts';
import {
  candidateUrlFor,
  formatFromHeader,
  fromIsOurs,
  parseFromHeader,
  relayFromCandidate,
  renderRelayEmail,
  replySubject,
} from '#core/domain/relay-email.ts';
import { aRelayToCandidate, aRelayToRecruiter } from '#test/support/relays.ts';

describe('relay email: to the recruiter', () => {
  it("puts Closeloop's reading in a short banner, then what the candidate wrote", () => {
    const email = renderRelayEmail(
      aRelayToRecruiter({
        banner: {
          flags: ['feedback-requested'],
          evidence: 'Which parts of my experience fell short?',
          candidateUrl: 'https://dashboard.acme.example/#/candidates/c_ada',
          attachments: [{ filename: 'portfolio.pdf', sizeBytes: 250_000 }],
        },
      }),
    );

    expect(email.subject).toBe('[Feedback requested] Re: An update on the Analytical Engineer role at Acme');
    expect(email.text).toBe(
      [
        "Closeloop's reading: Feedback requested",
        'Evidence: "Which parts of my experience fell short?"',
        'Attachments, kept in the dashboard: portfolio.pdf (244 KB)',
        'The candidate in the dashboard: https://dashboard.acme.example/#/candidates/c_ada',
        '',
        '---',
        'Ada Lovelace wrote:',
        '',
        'Which parts of my experience fell short?',
        'I would like to learn.',
        '',
      ].join('\n'),
    );
    expect(email.html).toContain('<a href="https://dashboard.acme.example/#/candidates/c_ada">');
    expect(email.html).toContain('Which parts of my experience fell short?<br />\nI would like to learn.');
  });

  it('tags the subject with the most serious flag', () => {
    const subject = (flags: FlagName[]) =>
      renderRelayEmail(
        aRelayToRecruiter({ subject: 'RE: Re: An update', banner: { flags, candidateUrl: 'https://d.example/' } }),
      ).subject;
    expect(subject(['warm', 'bridge-burned'])).toBe('[Bridge burned] Re: An update');
    expect(subject(['warm'])).toBe('[Warm] Re: An update');
    expect(subject([])).toBe('Re: An update');
  });

  it('withholds a hostile turn under the summary policy: no candidate text, only where to read it', () => {
    const email = renderRelayEmail(
      aRelayToRecruiter({
        text: 'You are a trickster and this job is a scam.',
        banner: {
          flags: ['bridge-burned'],
          evidence: 'You are a trickster',
          withheld: true,
          candidateUrl: 'https://dashboard.acme.example/#/candidates/c_ada',
          attachments: [{ filename: 'insult.txt', sizeBytes: 10 }],
        },
      }),
    );

    expect(email.subject).toMatch(/^\[Bridge burned\] Re: /);
    for (const part of [email.text, email.html]) {
      expect(part).not.toContain('trickster');
      expect(part).not.toContain('scam');
      expect(part).not.toContain('insult.txt');
      expect(part).toContain('A reply that burned the bridge arrived');
      expect(part).toContain('https://dashboard.acme.example/#/candidates/c_ada');
    }
  });

  it('escapes every value in the HTML, and drops NUL, control and bidi characters', () => {
    const email = renderRelayEmail(
      aRelayToRecruiter({
        from: relayFromCandidate('Eve <script>alert(1)</script>', 'relay@acme.example'),
        text: 'Hello <script>alert("x")</script> & \u0000bye\u202eevil\u2066',
        banner: {
          flags: ['needs-review'],
          evidence: '<img src=x onerror=alert(1)>',
          candidateUrl: 'javascript:alert(1)',
          attachments: [{ filename: '"><svg onload=alert(1)>.pdf', sizeBytes: 2_500_000 }],
        },
      }),
    );

    expect(email.html).not.toMatch(/<script|<img|<svg|javascript:/i);
    expect(email.html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; byeevil');
    expect(email.html).toContain('&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(email.text).toContain('(2.4 MB)');
    expect(email.text).toContain('The candidate in the dashboard: see the dashboard');
    for (const part of [email.text, email.html, email.subject]) {
      for (const hidden of ['\u0000', '\u202e', '\u2066']) expect(part).not.toContain(hidden);
    }
  });

  it('tells the owner when a thread is paused, and until when', () => {
    const email = renderRelayEmail(
      aRelayToRecruiter({
        cause: { kind: 'thread-paused', noticeId: 'n_1', windowStart: '2026-11-20T10:12:00.000Z' },
        from: '"Closeloop" <relay@acme.example>',
        text: '',
      }),
    );
    expect(email.subject).toBe('[Paused] Re: An update on the Analytical Engineer role at Acme');
    expect(email.text).toContain('paused it until 2026-11-20 11:12 UTC');
    expect(email.text).toContain('https://dashboard.acme.example/#/candidates/c_ada');
  });
});

describe('relay email: to the candidate', () => {
  it('carries only what the recruiter wrote, signed with their name', () => {
    const email = renderRelayEmail(aRelayToCandidate());
    expect(email.subject).toBe('Re: An update on the Analytical Engineer role at Acme');
    expect(email.text).toBe(
      'Thanks for asking, Ada. The role needed more production SQL.\nWe will keep you in mind.\n\nGrace Hopper\n',
    );
    expect(email.html).toContain('The role needed more production SQL.<br />\nWe will keep you in mind.');
  });

  it('never leaks the banner, a flag or the sentiment, even when the relay holds one', () => {
    const email = renderRelayEmail(
      aRelayToCandidate({
        banner: {
          flags: ['bridge-burned', 'needs-review'],
          evidence: 'SECRET-EVIDENCE',
          sentiment: 'negative',
          candidateUrl: 'https://dashboard.acme.example/#/candidates/c_ada',
          attachments: [{ filename: 'SECRET-FILE.pdf', sizeBytes: 1 }],
        },
      }),
    );
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(/bridge|burned|review|negative|SECRET|dashboard|Closeloop|reading|\[/i);
    }
  });
});

describe('relay addresses', () => {
  it('quotes a plain name and strips what could break or disguise the header', () => {
    expect(relayFromCandidate('Ada "The Countess" Lovelace\r\nBcc: x@evil.example', 'relay@acme.example')).toBe(
      '"Ada The Countess Lovelace Bcc: x@evil.example via Closeloop" <relay@acme.example>',
    );
    expect(formatFromHeader('Mallory\u202egnp.exe <a@b>', 'relay@acme.example')).toBe(
      '"Mallorygnp.exe a@b" <relay@acme.example>',
    );
    expect(relayFromCandidate('  \u0000 ', 'relay@acme.example')).toBe(
      '"A candidate via Closeloop" <relay@acme.example>',
    );
  });

  it('encodes a name that is not ASCII as RFC 2047 words, and reads it back', () => {
    const header = relayFromCandidate('Jürgen Müller-Lüdenscheidt von Großheßlohe', 'relay@acme.example');
    expect(header).toMatch(
      /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=( =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=)+ <relay@acme\.example>$/,
    );
    for (const word of header.split(' ').slice(0, -1)) expect(word.length).toBeLessThanOrEqual(75);
    expect(parseFromHeader(header)).toEqual({
      name: 'Jürgen Müller-Lüdenscheidt von Großheßlohe via Closeloop',
      address: 'relay@acme.example',
    });
  });

  it('knows our own From addresses', () => {
    expect(fromIsOurs('"Ada via Closeloop" <relay@Acme.example>', ['acme.example'])).toBe(true);
    expect(fromIsOurs('"Ada" <ada@example.com>', ['acme.example'])).toBe(false);
    expect(fromIsOurs('relay@acme.example.evil.com', ['acme.example'])).toBe(false);
  });

  it('links to the candidate through the dashboard hash route', () => {
    expect(candidateUrlFor('https://d.example/', 'c_1')).toBe('https://d.example/#/candidates/c_1');
    expect(replySubject('Aw: RE: Hello')).toBe('Re: Hello');
  });
});
