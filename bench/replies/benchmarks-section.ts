import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));

/**
 * Replaces the block between `<!-- <name>:begin -->` and `<!-- <name>:end -->` in docs/BENCHMARKS.md (appending
 * it under a heading when absent), so each script rewrites only its own figures.
 */
export async function writeBenchmarkSection(name: string, heading: string, body: string): Promise<void> {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const current = await readFile(BENCHMARKS, 'utf8');
  const block = `${begin}\n${body.trim()}\n${end}`;
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? `${current.slice(0, start)}${block}${current.slice(stop + end.length)}`
      : `${current.trimEnd()}\n\n${heading}\n\n${block}\n`;
  await writeFile(BENCHMARKS, next);
}
