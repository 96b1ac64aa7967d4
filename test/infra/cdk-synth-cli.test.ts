import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const outDirs: string[] = [];
afterAll(async () => {
  for (const dir of outDirs) await rm(dir, { recursive: true, force: true });
});

/**
 * The real thing, once per stage: `npx cdk synth` through the CLI, offline, bundling every function with
 * esbuild and running cdk-nag as a validation plugin (a finding fails the command).
 */
describe.each([
  ['dev', []],
  // A production stage with real values (the shipped prod.json's examples are refused: see below).
  ['prod', ['-c', 'stageFile=test/infra/fixtures/real-stage.json']],
] as const)('npx cdk synth -c stage=%s', (stage, extra) => {
  it('synthesizes offline with bundled functions and no cdk-nag finding', async () => {
    const out = await mkdtemp(join(tmpdir(), `closeloop-synth-${stage}-`));
    outDirs.push(out);

    const { stdout, stderr } = await run(
      'npx',
      ['cdk', 'synth', '-c', `stage=${stage}`, ...extra, '--quiet', '-o', out],
      {
        cwd: root,
        env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CI: 'true' },
        maxBuffer: 32 * 1024 * 1024,
      },
    );

    expect(`${stdout}${stderr}`).toContain(`Successfully synthesized to ${out}`);
    const files = await readdir(out);
    expect(files).toContain(`Closeloop-${stage}-Stateless.template.json`);
    const assets = files.filter((f) => f.startsWith('asset.') && !f.endsWith('.zip'));
    const contents = new Map(await Promise.all(assets.map(async (a) => [a, await readdir(join(out, a))] as const)));
    const bundles = assets.filter((a) => contents.get(a)?.includes('index.mjs'));
    expect(bundles.length).toBeGreaterThanOrEqual(3);
    // The dashboard, built by `npm run build:web` (cdk.json runs it): the entry page, the hashed assets
    // without source maps, and config.json, whose values CloudFormation fills in at deploy.
    expect(assets.filter((a) => contents.get(a)?.join() === 'index.html')).toHaveLength(1);
    const hashed = assets.find((a) => contents.get(a)?.join() === 'assets');
    expect((await readdir(join(out, hashed ?? 'missing', 'assets'))).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(assets.filter((a) => contents.get(a)?.join() === 'config.json')).toHaveLength(1);
    for (const asset of bundles) {
      const bundle = await readFile(join(out, asset, 'index.mjs'), 'utf8');
      expect(bundle.length).toBeGreaterThan(1000);
      // Minified (esbuild keeps few, long lines), with its source map beside it for readable stack traces.
      expect(bundle.length / bundle.split('\n').length, `${asset} is not minified`).toBeGreaterThan(500);
      expect(contents.get(asset), `${asset} has no source map`).toContain('index.mjs.map');
      // Names and lines only: Lambda reads the whole map at cold start (--enable-source-maps), sources would triple it.
      const map = JSON.parse(await readFile(join(out, asset, 'index.mjs.map'), 'utf8')) as { sourcesContent?: unknown };
      expect(map.sourcesContent, `${asset}'s source map embeds its sources`).toBeUndefined();
      // MJML runs at build time only: it must never reach a Lambda bundle (compiled HTML may, of course).
      expect(/mjml-core|mjml-parser-xml|mjml2html/.test(bundle), `${asset} bundles MJML`).toBe(false);
    }
  });
});

describe('npx cdk synth -c stage=acme-prod with the shipped example values', () => {
  it('fails before any stack is synthesized, naming each field that holds an example', async () => {
    const out = await mkdtemp(join(tmpdir(), 'closeloop-synth-examples-'));
    outDirs.push(out);
    const failed = await run(
      'npx',
      ['cdk', 'synth', '-c', 'stage=acme-prod', '-c', 'stageFile=infra/stages/prod.json', '--quiet', '-o', out],
      { cwd: root, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CI: 'true' }, maxBuffer: 8 * 1024 * 1024 },
    ).then(
      () => undefined,
      (e: unknown) => e as { stdout: string; stderr: string; code: number },
    );
    expect(failed, 'cdk synth succeeded with the example values').toBeDefined();
    const output = `${failed?.stdout ?? ''}${failed?.stderr ?? ''}`;
    expect(output).toContain('The acme-prod stage');
    for (const field of ['senderDomain', 'inboundDomain', 'companyName', 'postalAddress', 'alarmEmail']) {
      expect(output, field).toContain(`- ${field} (`);
    }
    expect(await readdir(out)).not.toContain('Closeloop-acme-prod-Stateless.template.json');
  });
});
