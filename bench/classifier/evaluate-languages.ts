/**
 * Measures the local classifier on our own German, French and Spanish replies (bench/classifier/eval/*.jsonl,
 * written for Closeloop, labelled by hand): hostile recall, the civil false-positive rate (a non-hostile reply
 * flagged hostile), the share of civil replies sent to review, intent accuracy (the exact set), and language
 * detection. Each row belongs to the tuning split or the reported split by its id (SHA-256, first byte: below
 * 77 of 256, about 30%, is tuning); rules were written looking at tuning-split misses only.
 *
 *   npm run --silent eval:languages [-- --split tune|report|all] [--misses]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import { REPLY_INTENTS } from '#core/ports/reply-classifier.ts';

export const EVAL_LANGUAGES = ['de', 'fr', 'es'] as const;

const Row = z.object({
  id: z.string(),
  kind: z.enum(['warm', 'feedback', 'disappointed', 'civil', 'withdraw', 'dispute', 'legal', 'hostile', 'mixed']),
  hostile: z.boolean(),
  intents: z.array(z.enum(REPLY_INTENTS)),
  text: z.string(),
});
type Row = z.infer<typeof Row>;

const LangRow = z.object({ id: z.string(), language: z.enum(['en', 'de', 'fr', 'es', 'other']), text: z.string() });

export type Split = 'tune' | 'report';

/** About 30% tuning, by the id's digest: stable, and independent of the row's label or position. */
export function splitOf(id: string): Split {
  return (createHash('sha256').update(id).digest()[0] ?? 0) < 77 ? 'tune' : 'report';
}

const EVAL_DIR = new URL('./eval/', import.meta.url);

export function loadRows(language: string): Row[] {
  return readFileSync(new URL(`${language}.jsonl`, EVAL_DIR), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => Row.parse(JSON.parse(line)));
}

export function loadLanguageRows(): { id: string; language: string; text: string }[] {
  const extra = readFileSync(new URL('lang-extra.jsonl', EVAL_DIR), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => LangRow.parse(JSON.parse(line)));
  return [...EVAL_LANGUAGES.flatMap((language) => loadRows(language).map((r) => ({ ...r, language }))), ...extra];
}

interface LanguageFigures {
  readonly rows: number;
  readonly hostileRows: number;
  readonly civilRows: number;
  readonly hostileRecall: number;
  readonly civilFalsePositiveRate: number;
  readonly civilReviewRate: number;
  readonly intentAccuracy: number;
  readonly languageAccuracy: number;
  /** Warm replies read positive, disappointed and hostile ones negative (other kinds have no clear label). */
  readonly sentimentAccuracy: number;
  readonly misses: string[];
}

const SENTIMENT_OF_KIND: Partial<Record<Row['kind'], 'positive' | 'negative'>> = {
  warm: 'positive',
  disappointed: 'negative',
  hostile: 'negative',
};

const share = (n: number, d: number): number => (d === 0 ? Number.NaN : n / d);
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

async function measure(language: string, split: Split | 'all'): Promise<LanguageFigures> {
  const classifier = await loadLocalReplyClassifier();
  const rows = loadRows(language).filter((r) => split === 'all' || splitOf(r.id) === split);
  let caught = 0;
  let falsePositives = 0;
  let reviews = 0;
  let intentsRight = 0;
  let languageRight = 0;
  let sentimentRows = 0;
  let sentimentRight = 0;
  const misses: string[] = [];
  for (const row of rows) {
    const c = classifier.classifyNow(row.text);
    if (c.language?.code === language) languageRight++;
    const expected = SENTIMENT_OF_KIND[row.kind];
    if (expected !== undefined) {
      sentimentRows++;
      if (c.sentiment.label === expected) sentimentRight++;
    }
    if (row.hostile && c.hostile) caught++;
    if (!row.hostile && c.hostile) falsePositives++;
    if (!row.hostile && c.borderline) reviews++;
    const intentsOk = sameSet(c.intents, row.intents);
    if (intentsOk) intentsRight++;
    if (row.hostile !== c.hostile || !intentsOk || c.language?.code !== language) {
      misses.push(
        `${row.id} [${row.kind}] hostile ${row.hostile}→${c.hostile} (${c.hostility}) intents ${row.intents.join('+') || '-'}→${c.intents.join('+') || '-'} lang ${c.language?.code}: ${row.text}`,
      );
    }
  }
  const hostileRows = rows.filter((r) => r.hostile).length;
  return {
    rows: rows.length,
    hostileRows,
    civilRows: rows.length - hostileRows,
    hostileRecall: share(caught, hostileRows),
    civilFalsePositiveRate: share(falsePositives, rows.length - hostileRows),
    civilReviewRate: share(reviews, rows.length - hostileRows),
    intentAccuracy: share(intentsRight, rows.length),
    languageAccuracy: share(languageRight, rows.length),
    sentimentAccuracy: share(sentimentRight, sentimentRows),
    misses,
  };
}

const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const dec = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(2));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { split: { type: 'string', default: 'report' }, misses: { type: 'boolean', default: false } },
  });
  const split = z.enum(['tune', 'report', 'all']).parse(values.split);
  const lines = [
    `### German, French, Spanish: our own replies (${split} split)`,
    '',
    '| Language | Rows (hostile / civil) | Hostile recall (≥ 0.90) | Civil FP (≤ 2%) | Civil to review | Intent accuracy | Sentiment (warm, disappointed, hostile) | Language detected |',
    '| -------- | ---------------------- | ----------------------- | --------------- | --------------- | --------------- | --------------------------------------- | ----------------- |',
  ];
  const misses: string[] = [];
  for (const language of EVAL_LANGUAGES) {
    const f = await measure(language, split);
    lines.push(
      `| ${language} | ${f.rows} (${f.hostileRows} / ${f.civilRows}) | ${dec(f.hostileRecall)} | ${pct(f.civilFalsePositiveRate)} | ${pct(f.civilReviewRate)} | ${pct(f.intentAccuracy)} | ${pct(f.sentimentAccuracy)} | ${pct(f.languageAccuracy)} |`,
    );
    misses.push(...f.misses);
  }
  console.log(lines.join('\n'));
  if (values.misses) console.log(`\nMisses:\n${misses.map((m) => `- ${m}`).join('\n')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
