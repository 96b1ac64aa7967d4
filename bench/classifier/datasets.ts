import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { normalizeText } from '#adapters/classifier/text-normalization.ts';

export type Source = 'davidson' | 'goemotions' | 'politeness';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** The sets the targets are measured on (issue #6). */
export const EVAL_GROUPS = [
  'davidson-hate-or-offensive',
  'davidson-hate',
  'davidson-unanimous-neither',
  'goemotions-civil-negative',
  'politeness-bottom-quartile',
] as const;
export type EvalGroup = (typeof EVAL_GROUPS)[number];
export const CIVIL_NEGATIVE_GROUPS: readonly EvalGroup[] = [
  'davidson-unanimous-neither',
  'goemotions-civil-negative',
  'politeness-bottom-quartile',
];

export interface Example {
  readonly source: Source;
  readonly id: string;
  readonly text: string;
  /** In the held-out fifth: never used for training or for choosing anything. */
  readonly heldOut: boolean;
  /** 0..4, for cross-validation inside the training part. */
  readonly fold: number;
  /** Label for training the hostility model; undefined when the row does not say. */
  readonly hostile: boolean | undefined;
  /** Label for the 3-class sentiment model; only GoEmotions rows whose emotions map to one class. */
  readonly sentiment: SentimentLabel | undefined;
  /**
   * For training only, on the GoEmotions rows `sentiment` leaves out (mixed classes, or an ambiguous emotion beside
   * others): the share of the row's positive, neutral and negative emotions. Undefined for every other row,
   * including rows whose only emotions are ambiguous. Never part of a sentiment figure.
   */
  readonly sentimentMix: Readonly<Record<SentimentLabel, number>> | undefined;
  /** GoEmotions rows only: the row's emotions, as labelled. */
  readonly emotions?: readonly string[];
  readonly groups: readonly EvalGroup[];
}

const here = fileURLToPath(new URL('.', import.meta.url));
export const DEFAULT_DATA_DIR = resolve(here, '../../../shared/data');

/** `--data <dir>` on the command line, else CLOSELOOP_DATA_DIR, else ../shared/data beside the project. */
export function dataDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const at = argv.indexOf('--data');
  const given = at >= 0 ? argv[at + 1] : env.CLOSELOOP_DATA_DIR;
  const dir = resolve(given ?? DEFAULT_DATA_DIR);
  if (!existsSync(join(dir, 'hostility'))) {
    throw new Error(`No hostility data under ${dir}: pass --data <dir> (the folder holding hostility/)`);
  }
  return dir;
}

/**
 * The split, fixed by the text alone: SHA-256 of the normalized text, first four bytes as a number, modulo 100.
 * Buckets 0–19 are held out (20%), the rest are training data in five folds (bucket mod 5). The same text (a
 * retweet, a duplicate) always lands on the same side.
 */
export function bucketOf(text: string): number {
  return createHash('sha256').update(normalizeText(text)).digest().readUInt32BE(0) % 100;
}

export const HELD_OUT_BELOW = 20;

/**
 * GoEmotions' own sentiment grouping (Demszky et al. 2020). The four "ambiguous" emotions (confusion, curiosity,
 * realization, surprise) belong to no class: a row that carries one, or mixes positive and negative emotions,
 * is left out of the sentiment figures (and only trained on through `sentimentMix`).
 */
export const EMOTION_SENTIMENT: Readonly<Record<string, SentimentLabel | 'ambiguous'>> = {
  admiration: 'positive',
  amusement: 'positive',
  approval: 'positive',
  caring: 'positive',
  desire: 'positive',
  excitement: 'positive',
  gratitude: 'positive',
  joy: 'positive',
  love: 'positive',
  optimism: 'positive',
  pride: 'positive',
  relief: 'positive',
  anger: 'negative',
  annoyance: 'negative',
  disappointment: 'negative',
  disapproval: 'negative',
  disgust: 'negative',
  embarrassment: 'negative',
  fear: 'negative',
  grief: 'negative',
  nervousness: 'negative',
  remorse: 'negative',
  sadness: 'negative',
  confusion: 'ambiguous',
  curiosity: 'ambiguous',
  realization: 'ambiguous',
  surprise: 'ambiguous',
  neutral: 'neutral',
};

const CIVIL_NEGATIVE_EMOTIONS = new Set(['disappointment', 'sadness', 'annoyance', 'disapproval']);
/** Emotions under which a comment may well be hostile; such rows teach the hostility model nothing either way. */
const POSSIBLY_HOSTILE_EMOTIONS = new Set(['anger', 'disgust']);

function example(
  source: Source,
  id: string,
  text: string,
  fields: Pick<Example, 'hostile' | 'sentiment' | 'groups'> & Partial<Pick<Example, 'sentimentMix' | 'emotions'>>,
): Example {
  const bucket = bucketOf(text);
  return { source, id, text, heldOut: bucket < HELD_OUT_BELOW, fold: bucket % 5, sentimentMix: undefined, ...fields };
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true });
}

export function loadDavidson(dataDir: string): Example[] {
  return readCsv(join(dataDir, 'hostility/davidson/labeled_data.dev.csv')).map((row, i) => {
    const cls = row.class;
    const offensive = cls === '0' || cls === '1';
    const unanimousNeither = cls === '2' && row.neither === row.count;
    const groups: EvalGroup[] = offensive
      ? cls === '0'
        ? ['davidson-hate-or-offensive', 'davidson-hate']
        : ['davidson-hate-or-offensive']
      : unanimousNeither
        ? ['davidson-unanimous-neither']
        : [];
    return example('davidson', `davidson:${row[''] ?? i}`, row.tweet ?? '', {
      hostile: offensive,
      sentiment: undefined,
      groups,
    });
  });
}

export function loadGoEmotions(dataDir: string): Example[] {
  return readGoEmotions(dataDir, 'dev.tsv');
}

/**
 * GoEmotions' own train split (43,410 comments; the figures read its dev split). Sentiment training data only:
 * never held out (it is another split), in no cross-validation fold (fold −1: always trained on, never scored),
 * never in an evaluation group, never a hostility label; a comment whose normalized text is also in the held-out
 * fifth is left out.
 */
export function loadGoEmotionsTrainSplit(dataDir: string, heldOutTexts: ReadonlySet<string>): Example[] {
  return readGoEmotions(dataDir, 'train.tsv')
    .filter((e) => !heldOutTexts.has(normalizeText(e.text)))
    .map((e) => ({
      ...e,
      id: e.id.replace('goemotions:', 'goemotions-train:'),
      heldOut: false,
      fold: -1,
      hostile: undefined,
      groups: [],
    }));
}

export function goEmotionsTrainSplitExists(dataDir: string): boolean {
  return existsSync(join(dataDir, 'hostility/goemotions/train.tsv'));
}

function readGoEmotions(dataDir: string, file: string): Example[] {
  const labels = readFileSync(join(dataDir, 'hostility/goemotions/labels.txt'), 'utf8').split(/\r?\n/).filter(Boolean);
  const lines = readFileSync(join(dataDir, 'hostility/goemotions', file), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean);
  return lines.map((line, i) => {
    const [text = '', ids = '', id = String(i)] = line.split('\t');
    const emotions = ids.split(',').map((n) => labels[Number(n)] ?? 'unknown');
    const classes = new Set(emotions.map((e) => EMOTION_SENTIMENT[e] ?? 'ambiguous'));
    const [only] = classes;
    const sentiment = classes.size === 1 && only !== undefined && only !== 'ambiguous' ? only : undefined;
    const civilNegative = emotions.every((e) => CIVIL_NEGATIVE_EMOTIONS.has(e));
    return example('goemotions', `goemotions:${id}`, text, {
      hostile: emotions.some((e) => POSSIBLY_HOSTILE_EMOTIONS.has(e)) ? undefined : false,
      sentiment,
      sentimentMix: sentiment === undefined ? mixOf(emotions) : undefined,
      emotions,
      groups: civilNegative ? ['goemotions-civil-negative'] : [],
    });
  });
}

/** The share of each sentiment class among a row's emotions, ambiguous ones not counted; undefined when none is left. */
export function mixOf(emotions: readonly string[]): Record<SentimentLabel, number> | undefined {
  const counts: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  let total = 0;
  for (const emotion of emotions) {
    const label = EMOTION_SENTIMENT[emotion];
    if (label === undefined || label === 'ambiguous') continue;
    counts[label]++;
    total++;
  }
  if (total === 0) return undefined;
  return { negative: counts.negative / total, neutral: counts.neutral / total, positive: counts.positive / total };
}

/** The bottom quartile is the quarter of all requests with the lowest Normalized Score (ties by file order). */
export function loadPoliteness(dataDir: string): Example[] {
  const rows = readCsv(join(dataDir, 'hostility/politeness/wikipedia.annotated.csv'));
  const ranked = rows
    .map((row, i) => ({ i, score: Number(row['Normalized Score']) }))
    .sort((a, b) => a.score - b.score || a.i - b.i);
  const bottom = new Set(ranked.slice(0, Math.floor(rows.length / 4)).map((r) => r.i));
  return rows.map((row, i) =>
    example('politeness', `politeness:${row.Id ?? i}`, row.Request ?? '', {
      hostile: false,
      sentiment: undefined,
      groups: bottom.has(i) ? ['politeness-bottom-quartile'] : [],
    }),
  );
}

export function loadAll(dataDir: string): Example[] {
  return [...loadDavidson(dataDir), ...loadGoEmotions(dataDir), ...loadPoliteness(dataDir)];
}
