/**
 * `npm run eval:automatic -- [<mirror dir>] [--data <dir>] [--split report|tune] [--misses]`: how many real
 * automatic messages `autoReplyReason` recognizes, and how many human replies it takes for one.
 *
 *  1. Real automatic messages: the public corpora listed in bench/automatic/public-corpus.json, read in place
 *     from the mirror (default /work/.mirror; each repository a bare git directory `<owner>+<name>/repo`) at the
 *     listed commit. Nothing of them is committed. The manifest's split: `tune` was read while writing the rules,
 *     `report` only to report the share (the default).
 *  2. Human replies: the manifest's real human mails, the bodies of the public reply-parsing fixtures
 *     (crisp-reply-parser under <data>/replies, people's real replies) in a reply's headers, and the hand-written
 *     human replies of bench/automatic/synthetic-messages.ts.
 *  3. The hand-written automatic messages (vacation responders in de, fr and es, tickets, loose complaint mails,
 *     SNS): reported apart, as they were written together with the rules.
 *
 * Every message goes through the production path: mailparser (MailparserInboundParser), then autoReplyReason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { autoReplyReason } from '#core/domain/auto-reply.ts';
import { errorMessage } from '#core/domain/error-message.ts';
import { humanReplyMessage, SYNTHETIC_AUTOMATIC, SYNTHETIC_HUMAN } from './synthetic-messages.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const ManifestSchema = z.object({
  excluded: z.array(z.object({ entry: z.string(), why: z.string() })).default([]),
  sources: z.array(z.object({ repo: z.string(), commit: z.string().regex(/^[0-9a-f]{40}$/), licence: z.string() })),
  splits: z.object({ tune: z.array(z.string()), report: z.array(z.string()) }),
  human: z.array(z.string()),
});

const { values, positionals } = parseArgs({
  options: {
    // The shared data beside the project, as the other evaluations read it.
    data: { type: 'string', default: resolve(here, '../../../shared/data') },
    split: { type: 'string', default: 'report' },
    misses: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const mirror = resolve(positionals[0] ?? '/work/.mirror');
const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(here, 'public-corpus.json'), 'utf8')));
const parser = new MailparserInboundParser();

/** The file's bytes at the manifest's commit, from the mirror's bare git directory. */
function readMirrored(entry: string): Buffer {
  const at = entry.indexOf(':');
  const repo = entry.slice(0, at);
  const source = manifest.sources.find((s) => s.repo === repo);
  if (source === undefined) throw new Error(`${repo} is not among the manifest's sources`);
  const gitDir = join(mirror, repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) throw new Error(`${gitDir} is missing: fetch ${repo} into the mirror first`);
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${source.commit}:${entry.slice(at + 1)}`], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface Outcome {
  readonly name: string;
  readonly reason: string | undefined;
  readonly subject: string;
  readonly from: string;
}

async function judge(name: string, raw: Uint8Array): Promise<Outcome> {
  try {
    const mail = await parser.parse(raw);
    return { name, reason: autoReplyReason(mail), subject: mail.subject, from: mail.from ?? '' };
  } catch (e: unknown) {
    return { name, reason: undefined, subject: `(unreadable: ${errorMessage(e)})`, from: '' };
  }
}

function share(outcomes: readonly Outcome[], automatic: boolean): string {
  const hits = outcomes.filter((o) => (o.reason !== undefined) === automatic).length;
  return `${hits} of ${outcomes.length} (${((100 * hits) / Math.max(1, outcomes.length)).toFixed(1)}%)`;
}

function list(title: string, outcomes: readonly Outcome[]): void {
  if (outcomes.length === 0) return;
  process.stdout.write(`${title}\n`);
  for (const o of outcomes) {
    process.stdout.write(
      `  ${o.name}  from=${JSON.stringify(o.from)} subject=${JSON.stringify(o.subject)}${o.reason === undefined ? '' : ` → ${o.reason}`}\n`,
    );
  }
}

/** The family of a corpus file: its name without the number (`lhost-postfix-12.eml` → `lhost-postfix`). */
function familyOf(entry: string): string {
  return (entry.split('/').pop() ?? entry).replace(/(-?\d+)?\.(eml|msg)$/, '');
}

async function main(): Promise<void> {
  const split = values.split === 'tune' ? 'tune' : 'report';
  const automatic = await Promise.all(manifest.splits[split].map(async (e) => judge(e, readMirrored(e))));
  const realHuman = await Promise.all(manifest.human.map(async (e) => judge(e, readMirrored(e))));
  const crispDir = join(values.data, 'replies/crisp-reply-parser/test/fixtures');
  const crisp = existsSync(crispDir)
    ? await Promise.all(
        readdirSync(crispDir)
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map(async (f) =>
            judge(`crisp:${f}`, Buffer.from(humanReplyMessage(readFileSync(join(crispDir, f), 'utf8')))),
          ),
      )
    : [];
  const syntheticHuman = await Promise.all(
    SYNTHETIC_HUMAN.map(async (m) => judge(`synthetic:${m.name}`, Buffer.from(m.raw))),
  );
  const syntheticAutomatic = await Promise.all(
    SYNTHETIC_AUTOMATIC.map(async (m) => judge(`synthetic:${m.name}`, Buffer.from(m.raw))),
  );
  const human = [...realHuman, ...crisp, ...syntheticHuman];

  const families = new Map<string, Outcome[]>();
  for (const o of automatic) families.set(familyOf(o.name), [...(families.get(familyOf(o.name)) ?? []), o]);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Real automatic messages, ${split} split: recognized ${share(automatic, true)}`);
  out(
    `Hand-written automatic messages (de/fr/es vacation, tickets, loose complaints, SNS): ${share(syntheticAutomatic, true)}`,
  );
  out(
    `Human replies taken for automatic: ${share(human, true)} — real ${share(realHuman, true)}, reply-parser fixtures ${share(crisp, true)}, hand-written ${share(syntheticHuman, true)}`,
  );
  const missedFamilies = [...families].filter(([, os]) => os.some((o) => o.reason === undefined));
  if (missedFamilies.length > 0) {
    out(
      `Families with misses: ${missedFamilies.map(([f, os]) => `${f} ${os.filter((o) => o.reason === undefined).length}/${os.length}`).join(', ')}`,
    );
  }
  list(
    'Missed (automatic, not recognized):',
    [...automatic, ...syntheticAutomatic].filter((o) => o.reason === undefined),
  );
  list(
    'False positives (human, taken for automatic):',
    human.filter((o) => o.reason !== undefined),
  );
  if (values.misses)
    list(
      'Recognized:',
      automatic.filter((o) => o.reason !== undefined),
    );
}

await main();
