/**
 * `npm run bench:templates`: the two figures the email templates are held to, measured side by side in one run.
 *
 * 1. Per-email render time: the precompiled templates (what the send function does) against compiling the same
 *    MJML with `mjml2html` for every email. Target: at least 500 times faster.
 * 2. The send function's bundle, built as the CDK builds it (esbuild, same options), and its cold import time in a
 *    fresh `node` against a handler that imports only the SES v2 and DynamoDB clients. Target: within 1.2 times.
 *    A third bundle, the send function with Powertools' tracer, shows what the X-Ray SDK would cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { escapeHtml, renderSegments } from '#adapters/templates/render-segments.ts';
import { emailVariables } from '#core/domain/email-variables.ts';
import type { TemplateVariables } from '#core/ports/template-renderer.ts';
import { FUNCTION_BUNDLING } from '#infra/constructs/closeloop-function.ts';
import { parsePlaceholders } from '#templates/build/parse-placeholders.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { sampleBranding, sampleNotice } from '#templates/samples/sample-notices.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const COMPILED_PER_MJML = 300;
const MJML_ROUNDS = 3;
const COLD_IMPORTS = Number(process.env.BENCH_COLD_IMPORTS ?? 31);

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

// ── 1. Render time ──────────────────────────────────────────────────────────────────────────────────────────
const samples = Object.entries(catalog.locales).flatMap(([templateId, locales]) =>
  locales.map((locale) => ({
    templateId,
    locale,
    variables: emailVariables(sampleNotice(templateId, locale, 'full'), sampleBranding('full')),
  })),
);

/** The first render in a fresh process pays for unpacking the catalog, as the first send after a cold start does. */
function firstRenderMs(): number {
  const first = samples[0];
  if (first === undefined) throw new Error('no templates');
  const started = performance.now();
  new CompiledTemplateRenderer(catalog).render(first.templateId, first.locale, first.variables);
  return performance.now() - started;
}

// Loaded when first used, not at the top, so its first-render figure includes loading MJML, as a cold start would.
let mjml2html: typeof import('mjml')['default'] | undefined;

/** What rendering with MJML at send time means: fill in the MJML source (escaped), then compile it. */
async function renderWithMjml(templateId: string, locale: string, variables: TemplateVariables): Promise<number> {
  const mjmlPath = join(root, 'templates', templateId, `${locale}.mjml`);
  const source = parsePlaceholders(await readFile(mjmlPath, 'utf8'), mjmlPath);
  const template = catalog.template(templateId, locale);
  if (template === undefined) throw new Error(`${templateId}/${locale} missing`);
  const subject = renderSegments(template.subject, variables, (v) => v);
  const filled = renderSegments(source.segments, { ...variables, subject, preheader: subject }, escapeHtml);
  mjml2html ??= (await import('mjml')).default;
  const { html } = await mjml2html(filled, {
    filePath: mjmlPath,
    ignoreIncludes: false,
    includePath: join(root, 'templates', 'partials'),
    validationLevel: 'skip',
    fonts: {},
  });
  return html.length + renderSegments(template.text, variables, (v) => v).length;
}

const coldFirstRender = firstRenderMs();
const renderer = new CompiledTemplateRenderer(catalog);
let sink = 0;
const mjmlColdStarted = performance.now();
const firstSample = samples[0];
if (firstSample) sink += await renderWithMjml(firstSample.templateId, firstSample.locale, firstSample.variables);
const mjmlFirstMs = performance.now() - mjmlColdStarted;

// Warm both up, then measure them interleaved: after each MJML render, COMPILED_PER_MJML compiled renders, so a
// busy moment on a shared machine slows both alike and the ratio stays honest.
for (const s of samples) sink += await renderWithMjml(s.templateId, s.locale, s.variables);
for (let i = 0; i < 5_000; i++) {
  const s = samples[i % samples.length];
  if (s) sink += renderer.render(s.templateId, s.locale, s.variables).html.length;
}
let mjmlNs = 0n;
let compiledNs = 0n;
let compiledCount = 0;
for (let round = 0; round < MJML_ROUNDS; round++) {
  for (const s of samples) {
    const a = process.hrtime.bigint();
    sink += await renderWithMjml(s.templateId, s.locale, s.variables);
    const b = process.hrtime.bigint();
    for (let i = 0; i < COMPILED_PER_MJML; i++) {
      const c = samples[(compiledCount + i) % samples.length];
      if (c) sink += renderer.render(c.templateId, c.locale, c.variables).html.length;
    }
    compiledCount += COMPILED_PER_MJML;
    mjmlNs += b - a;
    compiledNs += process.hrtime.bigint() - b;
  }
}
const mjmlMs = Number(mjmlNs) / 1e6 / (MJML_ROUNDS * samples.length);
const compiledMs = Number(compiledNs) / 1e6 / compiledCount;

// ── 2. Bundle size and cold import ─────────────────────────────────────────────────────────────────────────
const outDir = await mkdtemp(join(tmpdir(), 'closeloop-bench-'));

async function bundle(name: string, entry: string): Promise<{ file: string; meta: Metafile }> {
  const file = join(outDir, name, 'index.mjs');
  const result = await build({
    entryPoints: [join(root, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: FUNCTION_BUNDLING.target,
    minify: FUNCTION_BUNDLING.minify,
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    mainFields: FUNCTION_BUNDLING.mainFields,
    banner: { js: FUNCTION_BUNDLING.banner },
    external: FUNCTION_BUNDLING.externalModules,
    metafile: true,
    logLevel: 'warning',
  });
  return { file, meta: result.metafile };
}

const variants = {
  send: await bundle('send', 'functions/handlers/send.ts'),
  baseline: await bundle('baseline', 'bench/fixtures/sdk-clients-only.ts'),
  sendWithXray: await bundle('send-with-xray', 'bench/fixtures/send-with-xray.ts'),
};

const lambdaEnv = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'closeloop-send',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  CLOSELOOP_TABLE_NAME: 'closeloop-bench',
  CLOSELOOP_SENDER: 'Acme Talent <talent@mail.acme.example>',
  CLOSELOOP_REPLY_DOMAIN: 'replies.acme.example',
  CLOSELOOP_COMPANY_NAME: 'Acme',
  CLOSELOOP_POSTAL_ADDRESS: 'Acme Inc., 1 Example Street, 10115 Berlin, Germany',
  // The send policy (a deferred retry moves into business hours) is configured at cold start, as in the stack.
  CLOSELOOP_DEFAULT_TIME_ZONE: 'Europe/Berlin',
  CLOSELOOP_HOLIDAYS: 'DE',
  CLOSELOOP_SEND_RATE_PER_WORKER: '14',
};

/** One fresh `node`: how long importing the bundle takes (module load and the handler's init code). */
function coldImport(file: string): { importMs: number; processMs: number } {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`,
    ],
    { env: lambdaEnv, encoding: 'utf8' },
  );
  // The last lines only: an uncaught error prints a line of the minified bundle first.
  if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr.slice(-1500)}`);
  return { importMs: Number(run.stdout), processMs: performance.now() - started };
}

const times: Record<keyof typeof variants, { importMs: number; processMs: number }[]> = {
  send: [],
  baseline: [],
  sendWithXray: [],
};
for (const variant of Object.keys(variants) as (keyof typeof variants)[]) coldImport(variants[variant].file);
for (let i = 0; i < COLD_IMPORTS; i++) {
  // Interleaved, so a busy moment on the machine hits every variant alike.
  for (const variant of Object.keys(variants) as (keyof typeof variants)[]) {
    times[variant].push(coldImport(variants[variant].file));
  }
}

const size = async (file: string) => (await stat(file)).size;
const sizes = {
  send: await size(variants.send.file),
  baseline: await size(variants.baseline.file),
  sendWithXray: await size(variants.sendWithXray.file),
};
const importMs = (v: keyof typeof variants) => median(times[v].map((t) => t.importMs));
// The fastest of the runs: on a shared machine, the one least disturbed by other work.
const importMinMs = (v: keyof typeof variants) => Math.min(...times[v].map((t) => t.importMs));
const processMs = (v: keyof typeof variants) => median(times[v].map((t) => t.processMs));

/** Where the send bundle's extra bytes come from, by package. */
function extraBytesByPackage(): [string, number][] {
  const byPackage = (meta: Metafile) => {
    const totals = new Map<string, number>();
    for (const output of Object.values(meta.outputs)) {
      for (const [path, input] of Object.entries(output.inputs)) {
        const key = path
          .replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
          .replace(/^(functions|templates)\/.*/, '$1/');
        totals.set(key, (totals.get(key) ?? 0) + input.bytesInOutput);
      }
    }
    return totals;
  };
  const send = byPackage(variants.send.meta);
  const base = byPackage(variants.baseline.meta);
  return [...send]
    .map(([key, bytes]): [string, number] => [key, bytes - (base.get(key) ?? 0)])
    .filter(([, bytes]) => bytes > 4096)
    .sort((a, b) => b[1] - a[1]);
}

await rm(outDir, { recursive: true, force: true });

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
console.log(`
Email templates and the send function (${new Date().toISOString().slice(0, 10)}, Node.js ${process.version}, ${samples.length} template × locale pairs)

| What | Compiled (ours) | \`mjml2html\` per email | Ratio (target ≥ 500×) |
| --- | --- | --- | --- |
| Render one email, warm (mean) | ${(compiledMs * 1000).toFixed(1)} µs | ${ms(mjmlMs)} | ${Math.round(mjmlMs / compiledMs)}× |
| First render in a fresh process | ${ms(coldFirstRender)} (unpacks the catalog) | ${ms(mjmlFirstMs)} (loads MJML) | ${Math.round(mjmlFirstMs / coldFirstRender)}× |

| Bundle (esbuild, as the CDK builds it) | Size | Cold import, median of ${COLD_IMPORTS} | Cold import, fastest | Fresh \`node\` process, median |
| --- | --- | --- | --- | --- |
| \`functions/handlers/send.ts\` | ${kib(sizes.send)} (${ratio(sizes.send, sizes.baseline)}) | ${ms(importMs('send'))} (${ratio(importMs('send'), importMs('baseline'))}) | ${ms(importMinMs('send'))} (${ratio(importMinMs('send'), importMinMs('baseline'))}) | ${ms(processMs('send'))} |
| SES v2 + DynamoDB clients only | ${kib(sizes.baseline)} | ${ms(importMs('baseline'))} | ${ms(importMinMs('baseline'))} | ${ms(processMs('baseline'))} |
| send with Powertools' tracer (X-Ray SDK), not deployed | ${kib(sizes.sendWithXray)} (${ratio(sizes.sendWithXray, sizes.baseline)}) | ${ms(importMs('sendWithXray'))} (${ratio(importMs('sendWithXray'), importMs('baseline'))}) | ${ms(importMinMs('sendWithXray'))} (${ratio(importMinMs('sendWithXray'), importMinMs('baseline'))}) | ${ms(processMs('sendWithXray'))} |

Bytes the send bundle adds to the two clients, by package: ${extraBytesByPackage()
  .map(([key, bytes]) => `${key} ${kib(bytes)}`)
  .join(', ')}.
`);
if (sink === 0) console.log('(nothing rendered)');
