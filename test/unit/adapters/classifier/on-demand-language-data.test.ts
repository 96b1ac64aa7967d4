import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LanguageDataNotLoadedError, OnDemandLanguageDetector } from '#adapters/classifier/language-detector.ts';
import { LocalClassifierModelSchema } from '#adapters/classifier/local-classifier-model.ts';
import { LocalReplyClassifier, loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import model from '#adapters/classifier/model/reply-classifier.json' with { type: 'json' };

const rows = ['de', 'fr', 'es', 'lang-extra'].flatMap((name) =>
  readFileSync(new URL(`../../../../bench/classifier/eval/${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => String((JSON.parse(line) as { text: unknown }).text)),
);

function onDemand(): { classifier: LocalReplyClassifier; detector: OnDemandLanguageDetector } {
  const detector = new OnDemandLanguageDetector();
  return { classifier: new LocalReplyClassifier(LocalClassifierModelSchema.parse(model), detector), detector };
}

describe("eld's database loaded on demand", () => {
  it('is not loaded for replies whose function words say their language plainly', async () => {
    const { classifier, detector } = onDemand();
    const result = await classifier.classify(
      'Vielen Dank für Ihre Rückmeldung, ich wünsche Ihnen und dem Team alles Gute.',
    );
    expect(result.language).toEqual({ code: 'de', source: 'text' });
    expect(detector.loaded).toBe(false);
  });

  it('is loaded by classify for the first reply that needs it, which the synchronous path refuses before', async () => {
    const { classifier, detector } = onDemand();
    expect(() => classifier.classifyNow('Qué pena.')).toThrow(LanguageDataNotLoadedError);
    await classifier.classify('Qué pena.');
    expect(detector.loaded).toBe(true);
  });

  it('classifies every evaluation reply exactly as the eagerly loaded classifier does', async () => {
    const eager = await loadLocalReplyClassifier('eager');
    const { classifier } = onDemand();
    expect(rows.length).toBeGreaterThan(200);
    for (const text of rows) {
      expect(await classifier.classify(text)).toEqual(eager.classifyNow(text));
    }
  });
});
