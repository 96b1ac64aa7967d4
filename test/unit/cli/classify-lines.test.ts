import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyLines } from '#cli/classify-lines.ts';
import { boundedLines } from '#cli/json-lines.ts';
import type { Classification, ReplyClassifier } from '#core/ports/reply-classifier.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Answers by the text's first word, so the test can tell which input produced which output. */
const scripted: ReplyClassifier = {
  async classify(text: string, options?: { readonly language?: string }): Promise<Classification> {
    const hostile = text.startsWith('hostile');
    return {
      sentiment: { label: hostile ? 'negative' : 'positive', score: hostile ? -0.9 : 0.5 },
      hostile,
      borderline: false,
      hostility: hostile ? 0.9 : 0.1,
      categories: hostile ? ['insult'] : [],
      intents: options?.language === 'de' ? ['thanks'] : [],
      evidence: hostile ? [{ sentence: text, categories: ['insult'], score: 0.9 }] : [],
      model: 'scripted',
    };
  },
};

function sink(): PassThrough & { text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return Object.assign(stream, { text: () => text });
}

describe('bounded lines', () => {
  it('splits chunks into lines, joining characters cut between chunks', async () => {
    const euro = Buffer.from('€');
    const chunks = [Buffer.from('a\nb'), euro.subarray(0, 1), euro.subarray(1), Buffer.from('\r\nlast')];

    const lines = await collect(boundedLines(Readable.from(chunks), 100));

    expect(lines).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: 'b€' },
      { number: 3, text: 'last' },
    ]);
  });

  it('skips a line longer than the limit without holding it, and goes on', async () => {
    const chunks = ['ok\n', 'x'.repeat(60), 'x'.repeat(60), 'y\n', 'after\n', 'z'.repeat(500)];

    const lines = await collect(boundedLines(Readable.from(chunks), 100));

    expect(lines).toEqual([
      { number: 1, text: 'ok' },
      { number: 2, tooLong: true },
      { number: 3, text: 'after' },
      { number: 4, tooLong: true },
    ]);
  });
});

describe('classifying JSON lines', () => {
  it('writes one line per valid input, in order, with exactly the documented fields', async () => {
    const input = Readable.from([
      '{"id":"a","text":"thanks a lot"}\n',
      '{"id":2,"text":"hostile words"}\n',
      '{"id":"c","text":"danke","language":"de"}\n',
    ]);
    const output = sink();
    const errors = sink();

    const summary = await classifyLines(input, output, errors, scripted, { explain: false, maxLineChars: 1000 });

    expect(summary).toEqual({ classified: 3, rejected: 0 });
    const lines = output
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        id: 'a',
        sentiment: { label: 'positive', score: 0.5 },
        hostile: false,
        hostility: 0.1,
        categories: [],
        intents: [],
      },
      {
        id: 2,
        sentiment: { label: 'negative', score: -0.9 },
        hostile: true,
        hostility: 0.9,
        categories: ['insult'],
        intents: [],
      },
      {
        id: 'c',
        sentiment: { label: 'positive', score: 0.5 },
        hostile: false,
        hostility: 0.1,
        categories: [],
        intents: ['thanks'],
      },
    ]);
    expect(errors.text()).toBe('');
  });

  it('reports each bad line with its number and reason on the error stream, and goes on', async () => {
    const input = Readable.from([
      'not json\n',
      '{"id":"a"}\n',
      '\n',
      '{"id":{"x":1},"text":"hi"}\n',
      `{"id":"long","text":"${'x'.repeat(200)}"}\n`,
      '{"id":"b","text":"fine"}',
    ]);
    const output = sink();
    const errors = sink();

    const summary = await classifyLines(input, output, errors, scripted, { explain: false, maxLineChars: 100 });

    expect(summary).toEqual({ classified: 1, rejected: 4 });
    expect(output.text().trim().split('\n')).toHaveLength(1);
    const problems = errors.text().trim().split('\n');
    expect(problems[0]).toMatch(/^line 1: not valid JSON/);
    expect(problems[1]).toMatch(/^line 2: expected \{"id": string or number, "text": string\}: text:/);
    expect(problems[2]).toMatch(/^line 4: expected .*id:/);
    expect(problems[3]).toBe('line 5: longer than 100 characters; skipped');
  });

  it('adds borderline, evidence and model with --explain', async () => {
    const output = sink();

    await classifyLines(Readable.from(['{"id":1,"text":"hostile!"}\n']), output, sink(), scripted, {
      explain: true,
      maxLineChars: 1000,
    });

    expect(JSON.parse(output.text())).toMatchObject({
      borderline: false,
      evidence: [{ sentence: 'hostile!', categories: ['insult'], score: 0.9 }],
      model: 'scripted',
    });
  });

  it('waits for a slow reader instead of buffering everything', async () => {
    const output = new PassThrough({ highWaterMark: 64 });
    const lines = Array.from({ length: 200 }, (_, i) => `{"id":${i},"text":"thanks"}\n`);
    let done = false;

    const run = classifyLines(Readable.from(lines), output, sink(), scripted, {
      explain: false,
      maxLineChars: 1000,
    }).then((summary) => {
      done = true;
      return summary;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    const reading = collect(output.setEncoding('utf8'));

    expect(await run).toEqual({ classified: 200, rejected: 0 });
    output.end();
    const received = await reading;
    expect(received.join('').trim().split('\n')).toHaveLength(200);
  });
});
