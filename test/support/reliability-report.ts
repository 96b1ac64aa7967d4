import { appendFileSync } from 'node:fs';

/**
 * Prints a reliability test's figures on one line (`[reliability] <name> {…}`), and appends them as a JSON line to
 * `$CLOSELOOP_RELIABILITY_REPORT` when it is set: docs/BENCHMARKS.md is written from those lines.
 */
export function reportFigures(name: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ name, at: new Date().toISOString(), ...figures });
  console.info(`[reliability] ${line}`);
  const file = process.env.CLOSELOOP_RELIABILITY_REPORT;
  if (file !== undefined && file !== '') appendFileSync(file, `${line}\n`);
}
