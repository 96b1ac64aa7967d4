/**
 * `npm run eval:replies [-- <data dir>] [--write]`: how well replies are cut down to what the candidate wrote.
 *  1. Exact match on the public datasets (read from ../shared/data/replies or the given folder, never copied):
 *     talon's quotation cases (quotation removal, signatures kept: talon's semantics) and crisp's fixtures (the
 *     first fragment: quotes and signature separators removed). One case in four is held out of all tuning.
 *     email-reply-parser alone is the baseline.
 *  2. Leaks of our own email: every candidate reply × every quoting style (plain text and HTML-only MIME) of
 *     the email we really send, through the whole path (mailparser, quote rules, our-text cut, signature).
 * `--write` puts the figures into docs/BENCHMARKS.md.
 */

import { parseArgs } from 'node:util';
import EmailReplyParser from 'email-reply-parser';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { loadConfig } from '#config/app-config.ts';
import { emailVariables as variablesFor } from '#core/domain/email-variables.ts';
import type { Notice } from '#core/domain/notice.ts';
import { extractReplyText, stripQuotations } from '#core/domain/reply-text/extract-reply-text.ts';
import { SentTextIndex } from '#core/domain/reply-text/sent-text.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { writeBenchmarkSection } from './benchmarks-section.ts';
import { CANDIDATE_REPLIES, quotedReplies } from './quoting-styles.ts';
import { loadReplyCases, type ReplyCase, sameText } from './reply-text-data.ts';

const { values, positionals } = parseArgs({ options: { write: { type: 'boolean' } }, allowPositionals: true });
const dataDir = positionals[0] ?? '../shared/data/replies';
const cases = await loadReplyCases(dataDir).catch((e: unknown) => {
  process.stderr.write(`eval:replies: cannot read the datasets under ${dataDir}: ${String(e)}\n`);
  process.exit(1);
});

const parser = new EmailReplyParser();
type Method = (input: string) => string;
const methods: Record<'talon' | 'crisp', Record<string, Method>> = {
  talon: {
    'email-reply-parser alone (visible text)': (t) => parser.parseReply(t),
    'Closeloop quotation removal': stripQuotations,
  },
  crisp: {
    'email-reply-parser alone (first fragment)': (t) => parser.read(t).getFragments()[0]?.getContent() ?? '',
    'Closeloop full extraction': (t) => extractReplyText(t).text,
  },
};

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
const score = (list: readonly ReplyCase[], f: Method) => {
  const ok = list.filter((c) => sameText(f(c.input), c.expected)).length;
  return `${ok}/${list.length} (${pct(ok, list.length)})`;
};

const rows: string[] = [];
for (const dataset of ['talon', 'crisp'] as const) {
  const all = cases.filter((c) => c.dataset === dataset);
  for (const [name, f] of Object.entries(methods[dataset])) {
    rows.push(
      `| ${dataset} | ${name} | ${score(
        all.filter((c) => !c.heldOut),
        f,
      )} | ${score(
        all.filter((c) => c.heldOut),
        f,
      )} | ${score(all, f)} |`,
    );
  }
}

// Leaks: our real email, quoted by each client, under each candidate reply.
const config = loadConfig({}, 'local');
const renderer = new CompiledTemplateRenderer(catalog);
const notice = {
  templateId: 'general-rejection',
  locale: 'en',
  candidate: { name: 'Ada Lovelace', email: 'ada@example.com' },
  job: { id: 'job-1', title: 'Analytical Engineer' },
  feedbackOffered: false,
} as unknown as Notice;
const email = renderer.render('general-rejection', 'en', variablesFor(notice, config.branding));
const sent = new SentTextIndex([email.subject, email.text]);
const mime = new MailparserInboundParser();
const styles = new Map<string, { exact: number; leaks: number; bare: number; total: number }>();
let bareLeaks = 0;
let exact = 0;
let leaks = 0;
let total = 0;
const leakExamples: string[] = [];
for (const reply of CANDIDATE_REPLIES) {
  for (const quoted of quotedReplies(reply, { subject: email.subject, text: email.text })) {
    const parsed = await mime.parse(new TextEncoder().encode(quoted.raw));
    const kept = extractReplyText(parsed.text, { sent }).text;
    // A leak is a run of at least six consecutive words of our email that the candidate did not write.
    const run = sent.longestSharedRun(kept);
    const leaked = run >= 6 && run > sent.longestSharedRun(reply);
    const same = sameText(kept, reply);
    // The same without the cut by our own text: what the quotation rules and email-reply-parser achieve alone.
    const bare = extractReplyText(parsed.text).text;
    const bareRun = sent.longestSharedRun(bare);
    const bareLeaked = bareRun >= 6 && bareRun > sent.longestSharedRun(reply);
    bareLeaks += bareLeaked ? 1 : 0;
    const s = styles.get(quoted.style) ?? { exact: 0, leaks: 0, bare: 0, total: 0 };
    styles.set(quoted.style, {
      exact: s.exact + (same ? 1 : 0),
      leaks: s.leaks + (leaked ? 1 : 0),
      bare: s.bare + (bareLeaked ? 1 : 0),
      total: s.total + 1,
    });
    exact += same ? 1 : 0;
    leaks += leaked ? 1 : 0;
    total++;
    if (leaked && leakExamples.length < 3) leakExamples.push(`${quoted.style}: ${JSON.stringify(kept.slice(0, 160))}`);
  }
}

const report = [
  `Command: \`npm run eval:replies -- ../shared/data/replies --write\`. Held out: one case in four (by a digest of its id), never looked at while writing the quotation rules.`,
  '',
  '| Dataset | Method | Tuning cases | Held-out cases | All |',
  '| ------- | ------ | ------------ | -------------- | --- |',
  ...rows,
  '',
  "Each dataset is the test suite of one library (talon's for planer/talon, crisp's for email-reply-parser), so a",
  'library scores best on its own; crisp\'s expectations keep some signatures ("-Abhishek Kona"), talon\'s keep all.',
  '',
  `Our own email quoted by ${styles.size} client styles (plain text and HTML-only MIME) under ${CANDIDATE_REPLIES.length} candidate replies (${total} messages, through mailparser and the full extraction):`,
  '',
  '| Style | Exact match | Leaks of our email | Leaks without the cut by our own text |',
  '| ----- | ----------- | ------------------ | ------------------------------------- |',
  ...[...styles.entries()].map(
    ([style, s]) => `| ${style} | ${pct(s.exact, s.total)} | ${pct(s.leaks, s.total)} | ${pct(s.bare, s.total)} |`,
  ),
  `| **All** | **${pct(exact, total)}** | **${pct(leaks, total)}** | ${pct(bareLeaks, total)} |`,
  '',
  'A leak is a run of six or more consecutive words of the email we sent, in what we kept, that the candidate did not write.',
  'These styles were written by us from what the clients produce, so they measure coverage of known formats, not',
  "unknown ones; the last column shows what the cut by our own text adds (it is what catches formats we don't know).",
  ...(leakExamples.length > 0 ? ['', 'Leaks seen:', ...leakExamples.map((l) => `- ${l}`)] : []),
].join('\n');

process.stdout.write(`${report}\n`);
if (values.write) await writeBenchmarkSection('reply-text', '## Replies: quote stripping (issue 6)', report);
