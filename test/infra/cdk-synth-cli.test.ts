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
describe.each(['dev', 'prod'])('npx cdk synth -c stage=%s', (stage) => {
  it('synthesizes offline with bundled functions and no cdk-nag finding', async () => {
    const out = await mkdtemp(join(tmpdir(), `closeloop-synth-${stage}-`));
    outDirs.push(out);

    const { stdout, stderr } = await run('npx', ['cdk', 'synth', '-c', `stage=${stage}`, '--quiet', '-o', out], {
      cwd: root,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CI: 'true' },
      maxBuffer: 32 * 1024 * 1024,
    });

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
