/**
 * Our language detector (language-guess.ts) side by side with maintained libraries on short replies: every
 * row of bench/classifier/eval/{de,fr,es}.jsonl and lang-extra.jsonl (English, and other languages that must
 * read as `other`). eld is a dependency; the others are not: install them anywhere and point at them.
 *
 *   npm install --prefix /tmp/langeval franc-min tinyld eld
 *   npx tsx bench/classifier/compare-language-detectors.ts --from /tmp/langeval/node_modules
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadLanguageDetector } from '#adapters/classifier/language-detector.ts';
import { detectLanguage } from '#adapters/classifier/language-guess.ts';
import { normalizeText, tokenize } from '#adapters/classifier/text-normalization.ts';
import { loadLanguageRows } from './evaluate-languages.ts';

type Detector = (text: string) => string;

const OURS = new Set(['en', 'de', 'fr', 'es']);
const ISO3: Readonly<Record<string, string>> = { eng: 'en', deu: 'de', fra: 'fr', spa: 'es' };
const asOurs = (code: string): string => (OURS.has(code) ? code : 'other');

function hasFunction<K extends string>(value: unknown, key: K): value is Record<K, (...args: unknown[]) => unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'function';
}

async function load(dir: string): Promise<{ name: string; bytes: number; detect: Detector }[]> {
  const at = (path: string) => import(pathToFileURL(join(dir, path)).href);
  const size = (...paths: string[]) => paths.reduce((n, p) => n + statSync(join(dir, p)).size, 0);
  const franc: unknown = await at('franc-min/index.js');
  const tinyld: unknown = await at('tinyld/dist/tinyld.light.node.mjs');
  const tinyldNormal: unknown = await at('tinyld/dist/tinyld.normal.node.mjs');
  const eldModule: unknown = await at('eld/src/entries/static.small.js');
  const eld = (eldModule as { eld?: unknown }).eld;
  if (!hasFunction(franc, 'franc') || !hasFunction(tinyld, 'detect') || !hasFunction(tinyldNormal, 'detect')) {
    throw new Error('Unexpected library shape');
  }
  if (!hasFunction(eld, 'detect')) throw new Error('Unexpected eld shape');
  return [
    {
      name: 'franc-min 6.2 (82 languages, trigrams)',
      bytes: size('franc-min/data.js', 'franc-min/index.js', 'franc-min/expressions.js'),
      detect: (t) => asOurs(ISO3[String(franc.franc(t, { minLength: 3 }))] ?? 'other'),
    },
    {
      name: 'tinyld 1.3 light',
      bytes: size('tinyld/dist/tinyld.light.node.mjs'),
      detect: (t) => asOurs(String(tinyld.detect(t))),
    },
    {
      name: 'tinyld 1.3 normal',
      bytes: size('tinyld/dist/tinyld.normal.node.mjs'),
      detect: (t) => asOurs(String(tinyldNormal.detect(t))),
    },
    {
      name: 'eld 2.1 small',
      bytes: size('eld/src/ngrams/small.js'),
      detect: (t) => asOurs(String((eld.detect(t) as { language?: unknown }).language ?? '')),
    },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  const ours: Detector = (t) => {
    const n = normalizeText(t);
    return detectLanguage(n, tokenize(n)).language;
  };
  const shipped = await loadLanguageDetector();
  const detectors = [
    { name: 'Closeloop language-guess.ts (function words + letters)', bytes: 0, detect: ours },
    {
      name: 'Closeloop as shipped: eld small where reliable, else language-guess.ts',
      bytes: 1,
      detect: (t: string) => shipped(t).language,
    },
    ...(values.from === undefined ? [] : await load(values.from)),
  ];
  const rows = loadLanguageRows();
  console.log(`| Detector | Data size | All (${rows.length}) | de | fr | es | en | other | ≤ 40 characters |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const d of detectors) {
    const right = rows.map((r) => d.detect(r.text) === r.language);
    const acc = (pick: (r: (typeof rows)[number]) => boolean) => {
      const idx = rows.map((r, i) => (pick(r) ? i : -1)).filter((i) => i >= 0);
      return `${((100 * idx.filter((i) => right[i]).length) / Math.max(idx.length, 1)).toFixed(1)}%`;
    };
    console.log(
      `| ${d.name} | ${d.bytes === 0 ? '≈ 4 KB (in the code)' : d.bytes === 1 ? 'eld small' : `${(d.bytes / 1024).toFixed(0)} KB`} | ${acc(() => true)} | ${acc((r) => r.language === 'de')} | ${acc((r) => r.language === 'fr')} | ${acc((r) => r.language === 'es')} | ${acc((r) => r.language === 'en')} | ${acc((r) => r.language === 'other')} | ${acc((r) => r.text.length <= 40)} |`,
    );
  }
}

await main();
