import { StringDecoder } from 'node:string_decoder';

export type InputLine =
  | { readonly number: number; readonly text: string }
  | { readonly number: number; readonly tooLong: true };

/**
 * Lines of a byte stream, never holding more than `maxChars` of one line in memory: a longer line is skipped to
 * its end and reported as too long, so a huge or newline-free input cannot exhaust memory. UTF-8 characters
 * split across chunks are decoded correctly; a final line without a newline counts.
 */
export async function* boundedLines(
  input: AsyncIterable<Buffer | string>,
  maxChars: number,
): AsyncGenerator<InputLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false;
  let number = 0;
  const consume = function* (chunk: string): Generator<InputLine> {
    let rest = chunk;
    for (;;) {
      const newline = rest.indexOf('\n');
      if (newline < 0) {
        if (!skipping) {
          pending += rest;
          if (pending.length > maxChars) {
            skipping = true;
            pending = '';
          }
        }
        return;
      }
      number++;
      if (skipping) {
        yield { number, tooLong: true };
        skipping = false;
      } else {
        const line = pending + rest.slice(0, newline);
        pending = '';
        yield line.length > maxChars ? { number, tooLong: true } : { number, text: line.replace(/\r$/, '') };
      }
      rest = rest.slice(newline + 1);
    }
  };
  for await (const chunk of input) {
    yield* consume(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  }
  yield* consume(decoder.end());
  if (skipping) yield { number: number + 1, tooLong: true };
  else if (pending.length > 0) yield { number: number + 1, text: pending.replace(/\r$/, '') };
}
