import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A case of the public reply datasets: the raw body and the reply a person would keep. */
export interface ReplyCase {
  readonly dataset: 'talon' | 'crisp';
  readonly id: string;
  readonly input: string;
  readonly expected: string;
  /** Kept out of all tuning of the quotation rules; reported on its own. */
  readonly heldOut: boolean;
}

/** One case in four, chosen by a digest of its id, so the split never changes between runs. */
export function isHeldOut(id: string): boolean {
  return (createHash('sha256').update(id).digest()[0] ?? 0) % 4 === 0;
}

const Talon = z.object({ cases: z.array(z.object({ id: z.string(), input: z.string(), expected: z.string() })) });
const Crisp = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      expected_first_fragment: z.string().optional(),
      expected_first_fragment_trimmed: z.string().optional(),
      expected_visible: z.string().optional(),
      expected_visible_trimmed: z.string().optional(),
    }),
  ),
});

/** Reads `talon-quotations/` and `crisp-reply-parser/` under `dir` (never copied into the project). */
export async function loadReplyCases(dir: string): Promise<ReplyCase[]> {
  const talon = Talon.parse(
    JSON.parse(await readFile(join(dir, 'talon-quotations/text_quotation_cases.json'), 'utf8')),
  );
  const crisp = Crisp.parse(JSON.parse(await readFile(join(dir, 'crisp-reply-parser/fixtures_expected.json'), 'utf8')));
  const cases: ReplyCase[] = talon.cases.map((c) => ({
    dataset: 'talon',
    id: c.id,
    input: c.input,
    expected: c.expected,
    heldOut: isHeldOut(c.id),
  }));
  for (const c of crisp.cases) {
    const expected =
      c.expected_first_fragment ??
      c.expected_first_fragment_trimmed ??
      c.expected_visible ??
      c.expected_visible_trimmed ??
      '';
    const input = await readFile(join(dir, 'crisp-reply-parser', c.file), 'utf8');
    cases.push({ dataset: 'crisp', id: c.id, input, expected, heldOut: isHeldOut(c.id) });
  }
  return cases;
}

/** Exact match after trimming trailing spaces of each line and blank lines around the text. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trim();
  return norm(a) === norm(b);
}
