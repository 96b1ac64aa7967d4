/**
 * `npm run eval:classifier [-- --data <dir>]`: the English evaluation (held-out GoEmotions and Davidson, which
 * take `--data`), then the German, French and Spanish one on our own sets (in the repository). One script, so the
 * arguments reach the evaluation that reads them.
 */
import { spawnSync } from 'node:child_process';

const runs = [
  ['bench/classifier/evaluate-classifier.ts', ...process.argv.slice(2)],
  ['bench/classifier/evaluate-languages.ts'],
];
for (const args of runs) {
  const run = spawnSync('npx', ['tsx', ...args], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
