/**
 * `npm run build:web`: builds the dashboard into web/dist, unless the sources are unchanged since the last
 * build (a content stamp), and swaps the new build in with a rename, so a running `npm start` never serves
 * a half-written directory.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const distDir = join(webDir, 'dist');

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? files(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

async function sourceStamp(): Promise<string> {
  const hash = createHash('sha256');
  const inputs = [
    ...(await files(join(webDir, 'src'))),
    join(webDir, 'index.html'),
    join(webDir, 'vite.config.mts'),
  ].sort();
  for (const file of inputs) hash.update(relative(webDir, file)).update(await readFile(file));
  hash.update(await readFile(join(webDir, '..', 'package-lock.json')));
  return hash.digest('hex');
}

const stamp = await sourceStamp();
const existing = await readFile(join(distDir, '.stamp'), 'utf8').catch(() => '');
if (existing === stamp && !process.argv.includes('--force')) process.exit(0);

const started = performance.now();
const temporary = join(webDir, `dist.${process.pid}.tmp`);
await build({ configFile: join(webDir, 'vite.config.mts'), build: { outDir: temporary, emptyOutDir: true } });
await writeFile(join(temporary, '.stamp'), stamp);
const old = join(webDir, `dist.${process.pid}.old`);
await rename(distDir, old).catch(() => undefined);
await rename(temporary, distDir);
await rm(old, { recursive: true, force: true });
console.log(`web: built the dashboard in ${Math.round(performance.now() - started)} ms`);
