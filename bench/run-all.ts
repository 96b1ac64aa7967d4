/**
 * `npm run bench`: every `bench/*.bench.ts`, one after the other, each in a fresh process (a bench that
 * measures cold starts must not share a warm one). Figures go to docs/BENCHMARKS.md by hand, with the command.
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const benches = (await readdir(benchDir)).filter((file) => file.endsWith('.bench.ts')).sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n▶ bench/${file}`);
  const run = spawnSync('npx', ['tsx', `bench/${file}`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
