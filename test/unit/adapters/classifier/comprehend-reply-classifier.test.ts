import {
  ComprehendClient,
  DetectSentimentCommand,
  DetectToxicContentCommand,
  InternalServerException,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ComprehendReplyClassifier,
  segmentsOf,
  truncateUtf8,
} from '#adapters/classifier/comprehend-reply-classifier.ts';
import { buildReplyClassifier, readClassifierChoice } from '#adapters/classifier/configured-reply-classifier.ts';
import { type LocalReplyClassifier, loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import { ConfigError } from '#config/app-config.ts';
import type { Log } from '#core/ports/log.ts';

class RecordingLog implements Log {
  readonly entries: { level: string; message: string; extra: Record<string, unknown>[] }[] = [];
  debug(message: string, ...extra: Record<string, unknown>[]) {
    this.entries.push({ level: 'debug', message, extra });
  }
  info(message: string, ...extra: Record<string, unknown>[]) {
    this.entries.push({ level: 'info', message, extra });
  }
  warn(message: string, ...extra: Record<string, unknown>[]) {
    this.entries.push({ level: 'warn', message, extra });
  }
  error(message: string, ...extra: Record<string, unknown>[]) {
    this.entries.push({ level: 'error', message, extra });
  }
}

const calm = {
  Sentiment: 'POSITIVE' as const,
  SentimentScore: { Positive: 0.9, Negative: 0.02, Neutral: 0.07, Mixed: 0.01 },
};
const quiet = (n: number) => ({
  ResultList: Array.from({ length: n }, () => ({ Toxicity: 0.02, Labels: [{ Name: 'INSULT' as const, Score: 0.01 }] })),
});

let local: LocalReplyClassifier;
beforeAll(async () => {
  local = await loadLocalReplyClassifier();
});

describe('the Comprehend reply classifier', () => {
  const client = new ComprehendClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const comprehend = mockClient(client);
  let log: RecordingLog;
  let classifier: ComprehendReplyClassifier;

  beforeEach(() => {
    comprehend.reset();
    log = new RecordingLog();
    classifier = new ComprehendReplyClassifier({ client, local, log });
  });

  it('reads an English reply with DetectSentiment and DetectToxicContent, keeping the local intents', async () => {
    // Prepare
    comprehend.on(DetectSentimentCommand).resolves(calm).on(DetectToxicContentCommand).resolves(quiet(2));

    // Act
    const result = await classifier.classify('Thank you so much. Please keep me in mind for future roles.', {
      language: 'en',
    });

    // Assess
    expect(result.model).toBe('comprehend+local-v3');
    expect(result.sentiment).toEqual({ label: 'positive', score: 0.88 });
    expect(result.hostile).toBe(false);
    expect(result.intents).toEqual(expect.arrayContaining(['thanks', 'keep-in-touch']));
    const toxic = comprehend.commandCalls(DetectToxicContentCommand)[0]?.args[0].input;
    expect(toxic?.LanguageCode).toBe('en');
    expect(toxic?.TextSegments?.map((s) => s.Text)).toEqual([
      'Thank you so much.',
      'Please keep me in mind for future roles.',
    ]);
  });

  it('marks the sentence Comprehend finds toxic as the evidence, with its categories', async () => {
    comprehend
      .on(DetectSentimentCommand)
      .resolves({
        Sentiment: 'NEGATIVE',
        SentimentScore: { Positive: 0.01, Negative: 0.95, Neutral: 0.03, Mixed: 0.01 },
      })
      .on(DetectToxicContentCommand)
      .resolves({
        ResultList: [
          { Toxicity: 0.03, Labels: [] },
          {
            Toxicity: 0.97,
            Labels: [
              { Name: 'INSULT' as const, Score: 0.96 },
              { Name: 'PROFANITY' as const, Score: 0.91 },
            ],
          },
        ],
      });

    const result = await classifier.classify('I got your email. What a bunch of dumb wankers.', { language: 'en' });

    expect(result.hostile).toBe(true);
    expect(result.evidence[0]?.sentence).toBe('What a bunch of dumb wankers.');
    expect(result.categories).toEqual(expect.arrayContaining(['insult', 'profanity']));
    expect(result.sentiment.label).toBe('negative');
  });

  it('keeps the local accusation rules next to Comprehend', async () => {
    comprehend.on(DetectSentimentCommand).resolves(calm).on(DetectToxicContentCommand).resolves(quiet(1));

    const result = await classifier.classify('You are liars and frauds.', { language: 'en' });

    expect(result.hostile).toBe(true);
    expect(result.categories).toContain('accusation');
  });

  it('never burns the bridge on a discrimination complaint alone, however toxic Comprehend finds it', async () => {
    comprehend
      .on(DetectSentimentCommand)
      .resolves(calm)
      .on(DetectToxicContentCommand)
      .resolves({ ResultList: [{ Toxicity: 0.99, Labels: [{ Name: 'HATE_SPEECH' as const, Score: 0.99 }] }] });

    const result = await classifier.classify('This is racist discrimination against black candidates.', {
      language: 'en',
    });

    expect(result.hostile).toBe(false);
    expect(result.borderline).toBe(true);
    expect(result.intents).toContain('legal-or-discrimination');
  });

  it.each([
    ['de', 'Schade, ich bin enttäuscht. Ich hatte mir wirklich Hoffnungen gemacht.'],
    ['fr', "C'est dommage, je suis vraiment déçue. J'y croyais beaucoup."],
    ['es', 'Qué pena, estoy muy decepcionado. Tenía mucha ilusión.'],
  ])(
    'reads a %s reply with DetectSentiment in its language and the local rules, never DetectToxicContent',
    async (language, text) => {
      // Prepare
      comprehend.on(DetectSentimentCommand).resolves({
        Sentiment: 'NEGATIVE',
        SentimentScore: { Positive: 0.01, Negative: 0.93, Neutral: 0.05, Mixed: 0.01 },
      });

      // Act: no language given, the text decides
      const result = await classifier.classify(text);

      // Assess
      expect(result.model).toBe('comprehend-sentiment+local-v3');
      expect(result.language).toEqual({ code: language, source: 'text' });
      expect(result.sentiment).toEqual({ label: 'negative', score: -0.92 });
      expect(result.hostile).toBe(false);
      expect(result.borderline).toBe(false);
      expect(comprehend.commandCalls(DetectSentimentCommand)[0]?.args[0].input.LanguageCode).toBe(language);
      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(0);
    },
  );

  it('burns the bridge on a German insult with Comprehend reading only the sentiment', async () => {
    comprehend.on(DetectSentimentCommand).resolves({
      Sentiment: 'NEGATIVE',
      SentimentScore: { Positive: 0.01, Negative: 0.9, Neutral: 0.08, Mixed: 0.01 },
    });

    const result = await classifier.classify('Peinlich und inkompetent, ein Haufen Clowns.');

    expect(result.hostile).toBe(true);
    expect(result.categories).toContain('insult');
    expect(result.evidence[0]?.sentence).toBe('Peinlich und inkompetent, ein Haufen Clowns.');
  });

  it('falls back to the local classifier when DetectSentiment fails on a French reply', async () => {
    comprehend.on(DetectSentimentCommand).rejects(new TooManyRequestsException({ message: 'slow', $metadata: {} }));

    const result = await classifier.classify('Pourriez-vous me dire ce qui a manqué ?');

    expect(result.model).toBe('local-v3');
    expect(result.language?.code).toBe('fr');
    expect(result.intents).toEqual(['feedback-request']);
    expect(log.entries).toEqual([expect.objectContaining({ level: 'warn' })]);
  });

  it('leaves a language Comprehend is not routed for to the local classifier without calling it', async () => {
    const result = await classifier.classify('Grazie mille per la risposta, buona giornata.');

    expect(result.model).toBe('local-v3');
    expect(result.language).toEqual({ code: 'other', source: 'text' });
    expect(comprehend.calls()).toHaveLength(0);
  });

  it.each([
    ['throttled', new TooManyRequestsException({ message: 'slow down', $metadata: {} })],
    ['down', new InternalServerException({ message: 'unavailable', $metadata: {} })],
    ['unreachable', new Error('socket hang up')],
  ])('falls back to the local classifier when Comprehend is %s, and says so in the log', async (_how, error) => {
    comprehend.on(DetectSentimentCommand).rejects(error).on(DetectToxicContentCommand).resolves(quiet(1));

    const result = await classifier.classify('You are a complete idiot.', { language: 'en' });

    expect(result.model).toBe('local-v3');
    expect(result.hostile).toBe(true);
    expect(log.entries).toEqual([
      expect.objectContaining({ level: 'warn', message: 'Comprehend failed; classified locally' }),
    ]);
    expect(JSON.stringify(log.entries)).not.toContain('idiot');
  });

  it('falls back when Comprehend answers for the wrong number of segments', async () => {
    comprehend.on(DetectSentimentCommand).resolves(calm).on(DetectToxicContentCommand).resolves(quiet(5));

    const result = await classifier.classify('Thanks. Bye.', { language: 'en' });

    expect(result.model).toBe('local-v3');
  });

  it('sends at most 5 KB to DetectSentiment and ten 1 KB segments to DetectToxicContent', async () => {
    comprehend
      .on(DetectSentimentCommand)
      .resolves(calm)
      .on(DetectToxicContentCommand)
      .callsFake((input) => ({
        ResultList: input.TextSegments.map(() => ({ Toxicity: 0.01, Labels: [] })),
      }));
    const text = Array.from(
      { length: 30 },
      (_, i) => `Sentence number ${i} is about the interview, the team and the role.`,
    )
      .join(' ')
      .concat(' Ünïcödé ✓.'.repeat(10));

    const result = await classifier.classify(text, { language: 'en' });

    expect(result.model).toBe('comprehend+local-v3');
    const sentimentInput = comprehend.commandCalls(DetectSentimentCommand)[0]?.args[0].input;
    expect(Buffer.byteLength(sentimentInput?.Text ?? '')).toBeLessThanOrEqual(5000);
    const segments = comprehend.commandCalls(DetectToxicContentCommand)[0]?.args[0].input.TextSegments ?? [];
    expect(segments.length).toBeGreaterThan(1);
    expect(segments.length).toBeLessThanOrEqual(10);
    for (const s of segments) expect(Buffer.byteLength(s.Text ?? '')).toBeLessThanOrEqual(1000);
  });

  it('classifies a reply too long for ten segments locally, without calling Comprehend', async () => {
    const text = 'This is a perfectly ordinary sentence about the interview process and my experience. '.repeat(200);

    const result = await classifier.classify(text, { language: 'en' });

    expect(result.model).toBe('local-v3');
    expect(comprehend.calls()).toHaveLength(0);
  });
});

describe('Comprehend limits', () => {
  it('cuts UTF-8 text at a character boundary', () => {
    expect(truncateUtf8('ab✓cd', 4)).toBe('ab');
    expect(truncateUtf8('ab✓cd', 5)).toBe('ab✓');
    expect(truncateUtf8('short', 100)).toBe('short');
  });

  it('gives each sentence its own segment when there are ten or fewer', () => {
    expect(segmentsOf(['a.', 'b.'])).toEqual([
      { first: 0, last: 0, text: 'a.' },
      { first: 1, last: 1, text: 'b.' },
    ]);
  });
});

describe('choosing the classifier', () => {
  it('defaults to the local classifier and accepts comprehend', () => {
    expect(readClassifierChoice({})).toBe('local');
    expect(readClassifierChoice({ CLOSELOOP_CLASSIFIER: '' })).toBe('local');
    expect(readClassifierChoice({ CLOSELOOP_CLASSIFIER: 'comprehend' })).toBe('comprehend');
  });

  it('names the variable when the value is wrong', () => {
    expect(() => readClassifierChoice({ CLOSELOOP_CLASSIFIER: 'gpt' })).toThrow(ConfigError);
    expect(() => readClassifierChoice({ CLOSELOOP_CLASSIFIER: 'gpt' })).toThrow(/CLOSELOOP_CLASSIFIER/);
  });

  it('builds the configured adapter', async () => {
    const log = new RecordingLog();
    const client = new ComprehendClient({ region: 'eu-west-1' });

    // The functions load eld's database on demand: one shared instance, not the eager one the tests use.
    expect(await buildReplyClassifier('local', { log })).toBe(await loadLocalReplyClassifier('on-demand'));
    expect(await buildReplyClassifier('comprehend', { log, comprehendClient: () => client })).toBeInstanceOf(
      ComprehendReplyClassifier,
    );
  });
});
