/** `npm run bench`: runs every `bench/*.bench.ts` in turn; each starts what it needs and prints its figures. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const bench of benches) {
  process.stderr.write(`\n== ${bench}\n`);
  const run = spawnSync('npx', ['tsx', `${dir}${bench}`], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
