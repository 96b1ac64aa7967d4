/**
 * `npm run bench:templates`: the two figures the email templates are held to, measured side by side in one run.
 *
 * 1. Per-email render time: the precompiled templates (what the send function does) against a fair MJML baseline,
 *    set up once per template as a Handlebars-based sender would (its `mj-include` partials inlined, its
 *    placeholders parsed), then per email: fill the placeholders (escaped), compile with `mjml2html`.
 * 2. The send function's bundle, built as the CDK builds it (esbuild, same options), and its cold import in a
 *    fresh `node` with `--enable-source-maps`, as Lambda runs it, against a handler that builds only the SDK
 *    clients the send function builds (DynamoDB, its document client, SES v2), the two alternated.
 *    Target: the fastest send import within 1.15 times the fastest baseline import.
 *    `BENCH_EXTRA=xray,sources-content` adds, to the same alternation, the send function with Powertools' tracer
 *    (the X-Ray SDK) and the send function bundled with its sources inside its source map (the CDK default).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { escapeHtml, renderSegments } from '#adapters/templates/render-segments.ts';
import type { Segment } from '#adapters/templates/segments.ts';
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

const MJ_INCLUDE = /<mj-include\s+path="([^"]+)"\s*\/>/g;

/** The MJML source with every `mj-include` replaced by the partial's text (partials may include partials). */
async function inlineIncludes(source: string, dir: string): Promise<string> {
  let out = source;
  for (const [whole, path] of source.matchAll(MJ_INCLUDE)) {
    if (path === undefined) continue;
    const file = join(dir, path);
    out = out.replace(whole, await inlineIncludes(await readFile(file, 'utf8'), dirname(file)));
  }
  return out;
}

/** Each template's MJML, prepared on its first use: partials inlined and placeholders parsed, once. */
const prepared = new Map<string, Segment[]>();
async function preparedMjml(templateId: string, locale: string): Promise<Segment[]> {
  const key = `${templateId}/${locale}`;
  const known = prepared.get(key);
  if (known !== undefined) return known;
  const mjmlPath = join(root, 'templates', templateId, `${locale}.mjml`);
  const inlined = await inlineIncludes(await readFile(mjmlPath, 'utf8'), dirname(mjmlPath));
  const segments = parsePlaceholders(inlined, mjmlPath).segments;
  prepared.set(key, segments);
  return segments;
}

/** Rendering with MJML at send time: fill the prepared MJML (values escaped), then compile it. */
async function renderWithMjml(templateId: string, locale: string, variables: TemplateVariables): Promise<number> {
  const source = await preparedMjml(templateId, locale);
  const template = catalog.template(templateId, locale);
  if (template === undefined) throw new Error(`${templateId}/${locale} missing`);
  const subject = renderSegments(template.subject, variables, (v) => v);
  const preheader = renderSegments(template.preheader, variables, (v) => v);
  const filled = renderSegments(source, { ...variables, subject, preheader }, escapeHtml);
  mjml2html ??= (await import('mjml')).default;
  const { html } = await mjml2html(filled, { ignoreIncludes: true, validationLevel: 'skip', fonts: {} });
  // The baseline must do the whole job: a placeholder or an include left over would flatter it.
  if (html.includes('{{') || html.includes('mj-include')) throw new Error(`${templateId}/${locale} left unfilled`);
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

interface Bundle {
  readonly file: string;
  readonly meta: Metafile;
}

async function bundle(
  name: string,
  entry: string,
  sourcesContent: boolean = FUNCTION_BUNDLING.sourcesContent,
): Promise<Bundle> {
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
    sourcesContent,
    mainFields: FUNCTION_BUNDLING.mainFields,
    banner: { js: FUNCTION_BUNDLING.banner },
    external: FUNCTION_BUNDLING.externalModules,
    metafile: true,
    logLevel: 'warning',
  });
  return { file, meta: result.metafile };
}

const extras = new Set((process.env.BENCH_EXTRA ?? '').split(',').filter(Boolean));
const variants: Record<string, Bundle> = {
  send: await bundle('send', 'functions/handlers/send.ts'),
  baseline: await bundle('baseline', 'bench/fixtures/sdk-clients-only.ts'),
};
if (extras.has('xray')) variants.sendWithXray = await bundle('send-with-xray', 'bench/fixtures/send-with-xray.ts');
if (extras.has('sources-content')) {
  variants.sendWithSources = await bundle('send-with-sources', 'functions/handlers/send.ts', true);
}
const names = Object.keys(variants);

const lambdaEnv = {
  PATH: process.env.PATH ?? '',
  // As the stack sets it (infra/constructs/closeloop-function.ts): Node reads each bundle's source map at import.
  NODE_OPTIONS: '--enable-source-maps',
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

/** One fresh `node`: how long importing the bundle takes (module load, its source map and the handler's init). */
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

const times = new Map<string, { importMs: number; processMs: number }[]>(names.map((name) => [name, []]));
for (const name of names) coldImport(variants[name]?.file ?? '');
for (let i = 0; i < COLD_IMPORTS; i++) {
  // Alternated, so a busy moment on the machine hits every variant alike.
  for (const name of names) times.get(name)?.push(coldImport(variants[name]?.file ?? ''));
}

const sizes = new Map<string, { code: number; map: number }>();
for (const name of names) {
  const file = variants[name]?.file ?? '';
  sizes.set(name, { code: (await stat(file)).size, map: (await stat(`${file}.map`)).size });
}
const runs = (name: string) => times.get(name) ?? [];
const importMs = (name: string) => median(runs(name).map((t) => t.importMs));
// The fastest of the runs: on a shared machine, the one least disturbed by other work.
const importMinMs = (name: string) => Math.min(...runs(name).map((t) => t.importMs));
const processMs = (name: string) => median(runs(name).map((t) => t.processMs));

/** Where the send bundle's extra bytes come from, by package. */
function extraBytesByPackage(send: Metafile, base: Metafile): [string, number][] {
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
  const baseBytes = byPackage(base);
  return [...byPackage(send)]
    .map(([key, bytes]): [string, number] => [key, bytes - (baseBytes.get(key) ?? 0)])
    .filter(([, bytes]) => bytes > 4096)
    .sort((a, b) => b[1] - a[1]);
}

await rm(outDir, { recursive: true, force: true });

const LABELS: Record<string, string> = {
  send: '`functions/handlers/send.ts`',
  baseline: 'SDK clients only (DynamoDB + document client, SES v2)',
  sendWithXray: "send with Powertools' tracer (X-Ray SDK), not deployed",
  sendWithSources: 'send with `sourcesContent` (the CDK default), not deployed',
};
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const row = (name: string) => {
  const size = sizes.get(name) ?? { code: 0, map: 0 };
  const base = sizes.get('baseline') ?? size;
  const vs = (value: number, against: number) => (name === 'baseline' ? '' : ` (${ratio(value, against)})`);
  return `| ${LABELS[name] ?? name} | ${kib(size.code)}${vs(size.code, base.code)} | ${kib(size.map)} | ${ms(importMinMs(name))}${vs(importMinMs(name), importMinMs('baseline'))} | ${ms(importMs(name))}${vs(importMs(name), importMs('baseline'))} | ${ms(processMs(name))} |`;
};
const coldRatio = importMinMs('send') / importMinMs('baseline');
console.log(`
Email templates and the send function (${new Date().toISOString().slice(0, 10)}, Node.js ${process.version}, ${samples.length} template × locale pairs)

| What | Compiled (ours) | MJML: partials inlined once, fill, \`mjml2html\` | Ratio |
| --- | --- | --- | --- |
| Render one email, warm (mean) | ${(compiledMs * 1000).toFixed(1)} µs | ${ms(mjmlMs)} | ${Math.round(mjmlMs / compiledMs)}× |
| First render in a fresh process | ${ms(coldFirstRender)} (unpacks the catalog) | ${ms(mjmlFirstMs)} (loads MJML) | ${Math.round(mjmlFirstMs / coldFirstRender)}× |

| Bundle (esbuild, as the CDK builds it) | Code | Source map | Cold import, fastest of ${COLD_IMPORTS} | Median | Fresh \`node\` process, median |
| --- | --- | --- | --- | --- | --- |
${names.map(row).join('\n')}

Cold import with --enable-source-maps, fastest of ${COLD_IMPORTS}, send / SDK clients only: ${ratio(importMinMs('send'), importMinMs('baseline'))} (target ≤ 1.15×: ${coldRatio <= 1.15 ? 'met' : 'not met'}).
Bytes the send bundle adds to the clients, by package: ${extraBytesByPackage(
  variants.send?.meta ?? { inputs: {}, outputs: {} },
  variants.baseline?.meta ?? { inputs: {}, outputs: {} },
)
  .map(([key, bytes]) => `${key} ${kib(bytes)}`)
  .join(', ')}.
`);
if (sink === 0) console.log('(nothing rendered)');
