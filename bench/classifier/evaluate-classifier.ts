/**
 * Measures the committed local classifier against the targets of issue #6, on the held-out fifth of the data
 * (the honest figure: nothing was trained or tuned on it) and on all dev data (which includes the training part,
 * so it flatters the model), next to word-list and VADER baselines.
 *
 *   npm run --silent eval:classifier [-- --data <dir>] [--json]
 *
 * Prints a Markdown section for docs/BENCHMARKS.md (or JSON with --json).
 */
import profanity from 'leo-profanity';
import vader from 'vader-sentiment';
import { loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import {
  CIVIL_NEGATIVE_GROUPS,
  dataDirFrom,
  type EvalGroup,
  type Example,
  loadAll,
  type SentimentLabel,
} from './datasets.ts';

interface Verdict {
  readonly hostile: boolean;
  readonly review: boolean;
  readonly sentiment: SentimentLabel;
}

type Predictor = (e: Example) => Verdict;

interface Figures {
  readonly rows: Record<string, number>;
  readonly hostileRecall: number;
  readonly hateRecall: number;
  readonly pooledFpr: number;
  readonly goEmotionsFpr: number;
  readonly politenessFpr: number;
  readonly davidsonNeitherFpr: number;
  readonly pooledReview: number;
  readonly sentimentAccuracy: number;
  /** Rows: truth negative, neutral, positive; columns: predicted. */
  readonly confusion: number[][];
}

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

function rate(examples: readonly Example[], predictions: Map<Example, Verdict>, pick: (v: Verdict) => boolean): number {
  if (examples.length === 0) return Number.NaN;
  return (
    examples.filter((e) => {
      const v = predictions.get(e);
      return v !== undefined && pick(v);
    }).length / examples.length
  );
}

function measure(examples: readonly Example[], predict: Predictor): Figures {
  const predictions = new Map(examples.map((e) => [e, predict(e)] as const));
  const group = (g: EvalGroup) => examples.filter((e) => e.groups.includes(g));
  const hostileRows = group('davidson-hate-or-offensive');
  const pooled = examples.filter((e) => e.groups.some((g) => CIVIL_NEGATIVE_GROUPS.includes(g)));
  const sentimentRows = examples.filter((e) => e.sentiment !== undefined);
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  for (const e of sentimentRows) {
    const row = confusion[LABELS.indexOf(e.sentiment ?? 'neutral')];
    const predicted = predictions.get(e)?.sentiment ?? 'neutral';
    if (row !== undefined) row[LABELS.indexOf(predicted)] = (row[LABELS.indexOf(predicted)] ?? 0) + 1;
  }
  return {
    rows: {
      hostile: hostileRows.length,
      pooled: pooled.length,
      goEmotionsCivilNegative: group('goemotions-civil-negative').length,
      sentiment: sentimentRows.length,
    },
    hostileRecall: rate(hostileRows, predictions, (v) => v.hostile),
    hateRecall: rate(group('davidson-hate'), predictions, (v) => v.hostile),
    pooledFpr: rate(pooled, predictions, (v) => v.hostile),
    goEmotionsFpr: rate(group('goemotions-civil-negative'), predictions, (v) => v.hostile),
    politenessFpr: rate(group('politeness-bottom-quartile'), predictions, (v) => v.hostile),
    davidsonNeitherFpr: rate(group('davidson-unanimous-neither'), predictions, (v) => v.hostile),
    pooledReview: rate(pooled, predictions, (v) => v.review),
    sentimentAccuracy: accuracy(sentimentRows, predictions),
    confusion,
  };
}

function accuracy(rows: readonly Example[], predictions: Map<Example, Verdict>): number {
  if (rows.length === 0) return Number.NaN;
  return rows.filter((e) => predictions.get(e)?.sentiment === e.sentiment).length / rows.length;
}

function vaderLabel(text: string): SentimentLabel {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  return compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral';
}

const pct = (n: number, digits = 1): string => (Number.isNaN(n) ? '—' : `${(n * 100).toFixed(digits)}%`);
const dec = (n: number): string => (Number.isNaN(n) ? '—' : n.toFixed(3));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = dataDirFrom(argv, process.env);
  const all = loadAll(dataDir);
  const relevant = all.filter((e) => e.groups.length > 0 || e.sentiment !== undefined);
  const classifier = await loadLocalReplyClassifier();

  const started = process.hrtime.bigint();
  const cache = new Map<Example, Verdict>();
  const local: Predictor = (e) => {
    const known = cache.get(e);
    if (known !== undefined) return known;
    const c = classifier.classifyNow(e.text, { language: 'en' });
    const verdict = { hostile: c.hostile, review: c.hostile || c.borderline, sentiment: c.sentiment.label };
    cache.set(e, verdict);
    return verdict;
  };
  for (const e of relevant) local(e);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const wordList: Predictor = (e) => {
    const hit = profanity.check(e.text.toLowerCase());
    return { hostile: hit, review: hit, sentiment: vaderLabel(e.text) };
  };
  const wordListOrVader: Predictor = (e) => {
    const hit =
      profanity.check(e.text.toLowerCase()) ||
      vader.SentimentIntensityAnalyzer.polarity_scores(e.text).compound <= -0.6;
    return { hostile: hit, review: hit, sentiment: vaderLabel(e.text) };
  };

  const heldOut = relevant.filter((e) => e.heldOut);
  const results = {
    model: classifier.version,
    texts: relevant.length,
    secondsToClassifyAll: Math.round(seconds * 10) / 10,
    heldOut: measure(heldOut, local),
    allDev: measure(relevant, local),
    baselineWordListHeldOut: measure(heldOut, wordList),
    baselineWordListAllDev: measure(relevant, wordList),
    baselineWordListOrVaderAllDev: measure(relevant, wordListOrVader),
  };

  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const line = (name: string, target: string, pick: (f: Figures) => string) =>
    `| ${name} | ${target} | ${pick(results.heldOut)} | ${pick(results.allDev)} | ${pick(results.baselineWordListHeldOut)} | ${pick(results.baselineWordListAllDev)} |`;
  const out = [
    `Model \`${results.model}\`; ${results.texts} texts classified in ${results.secondsToClassifyAll} s.`,
    '',
    '| Figure | Target | Held-out | All dev | Word list, held-out | Word list, all dev |',
    '| --- | --- | --- | --- | --- | --- |',
    line('Hostile recall, Davidson hate + offensive', '≥ 0.90', (f) => dec(f.hostileRecall)),
    line('… of which hate rows', '', (f) => dec(f.hateRecall)),
    line('False positives, civil-negative pooled', '≤ 0.5%', (f) => pct(f.pooledFpr, 2)),
    line('… GoEmotions civil-negative', '≤ 2%', (f) => pct(f.goEmotionsFpr, 2)),
    line('… politeness bottom quartile', '', (f) => pct(f.politenessFpr, 2)),
    line('… Davidson unanimous neither', '', (f) => pct(f.davidsonNeitherFpr, 2)),
    line('Sent to review (hostile or borderline), pooled', '', (f) => pct(f.pooledReview, 2)),
    line('Sentiment accuracy, GoEmotions (3 classes)', '≥ 0.75', (f) => dec(f.sentimentAccuracy)),
    line('Rows: hostile / pooled / GoEmotions civil-negative / sentiment', '', (f) =>
      [f.rows.hostile, f.rows.pooled, f.rows.goEmotionsCivilNegative, f.rows.sentiment].join(' / '),
    ),
    '',
    'The word-list baseline flags a text when `leo-profanity` finds a listed word; its sentiment column is VADER ' +
      `(compound ±0.05). "Word list OR VADER ≤ −0.6" flags ${pct(results.baselineWordListOrVaderAllDev.goEmotionsFpr)} ` +
      `of the GoEmotions civil-negative rows (all dev).`,
    '',
    `Sentiment confusion, held-out (rows truth, columns predicted; negative, neutral, positive): ${JSON.stringify(results.heldOut.confusion)}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
