import { once } from 'node:events';
import { z } from 'zod';
import { errorMessage } from '#core/domain/error-message.ts';
import type { Classification, ReplyClassifier } from '#core/ports/reply-classifier.ts';
import { boundedLines } from './json-lines.ts';

const InputSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  language: z.string().min(2).max(35).optional(),
});

export interface ClassifyLinesOptions {
  /** Language of lines that do not name one; by default the classifier guesses. */
  readonly language?: string;
  /** Adds `borderline`, `evidence` and `model` to each output line. */
  readonly explain: boolean;
  /** A longer input line is rejected (and skipped without being held in memory). */
  readonly maxLineChars: number;
}

export interface ClassifyLinesSummary {
  readonly classified: number;
  readonly rejected: number;
}

interface Sink {
  write(chunk: string): boolean;
}

async function writeLine(sink: Sink & NodeJS.EventEmitter, line: string): Promise<void> {
  if (!sink.write(`${line}\n`)) await once(sink, 'drain');
}

function outputOf(id: string | number, c: Classification, explain: boolean): Record<string, unknown> {
  const base = {
    id,
    sentiment: { label: c.sentiment.label, score: c.sentiment.score },
    hostile: c.hostile,
    hostility: c.hostility,
    categories: c.categories,
    intents: c.intents,
    ...(c.language === undefined ? {} : { language: c.language.code }),
  };
  return explain ? { ...base, borderline: c.borderline, evidence: c.evidence, model: c.model } : base;
}

/**
 * Reads JSON lines `{"id", "text"}` (optionally `"language"`) and writes one JSON line per valid input, in
 * order, waiting whenever the reader is slower (back-pressure). A bad line gets a one-line error on `errors`
 * naming its line number, and the run goes on.
 */
export async function classifyLines(
  input: AsyncIterable<Buffer | string>,
  output: Sink & NodeJS.EventEmitter,
  errors: Sink & NodeJS.EventEmitter,
  classifier: ReplyClassifier,
  options: ClassifyLinesOptions,
): Promise<ClassifyLinesSummary> {
  let classified = 0;
  let rejected = 0;
  const reject = async (number: number, why: string): Promise<void> => {
    rejected++;
    await writeLine(errors, `line ${number}: ${why}`);
  };
  for await (const line of boundedLines(input, options.maxLineChars)) {
    if ('tooLong' in line) {
      await reject(line.number, `longer than ${options.maxLineChars} characters; skipped`);
      continue;
    }
    if (line.text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line.text);
    } catch (e: unknown) {
      await reject(line.number, `not valid JSON (${errorMessage(e)})`);
      continue;
    }
    const parsed = InputSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
      await reject(line.number, `expected {"id": string or number, "text": string}: ${problems}`);
      continue;
    }
    const { id, text } = parsed.data;
    const language = parsed.data.language ?? options.language;
    const classification = await classifier.classify(text, language === undefined ? {} : { language });
    await writeLine(output, JSON.stringify(outputOf(id, classification, options.explain)));
    classified++;
  }
  return { classified, rejected };
}
