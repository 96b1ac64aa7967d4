/**
 * `npm run --silent classify [-- --language en] [--explain]`: classifies JSON lines `{"id","text"}` from stdin
 * with the local classifier and writes one JSON line per input to stdout. Bad lines are reported on stderr
 * with their line number and skipped; the exit code is then 1. See docs/classifier.md.
 */
import { parseArgs } from 'node:util';
import { loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import { errorMessage } from '#core/domain/error-message.ts';
import { definedFields } from '#core/domain/optional.ts';
import { classifyLines } from './classify-lines.ts';

const USAGE = `Usage: npm run --silent classify [-- --language <code>] [--explain] [--max-line-chars <n>] < replies.jsonl
Reads one JSON object per line, {"id": "...", "text": "..."} (optionally "language"), and writes one per line:
{"id","sentiment":{"label","score"},"hostile","hostility","categories","intents"}; --explain adds borderline,
evidence and model. Bad lines are reported on stderr and skipped (exit code 1).`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e: unknown) {
    process.stderr.write(`${errorMessage(e)}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const maxLineChars = Number(args.values['max-line-chars']);
  if (!Number.isInteger(maxLineChars) || maxLineChars < 1) {
    process.stderr.write(`--max-line-chars must be a positive integer\n${USAGE}\n`);
    return 2;
  }
  const classifier = await loadLocalReplyClassifier('on-demand');
  const summary = await classifyLines(process.stdin, process.stdout, process.stderr, classifier, {
    explain: args.values.explain,
    maxLineChars,
    ...definedFields({ language: args.values.language }),
  });
  if (summary.rejected > 0) {
    process.stderr.write(`classified ${summary.classified} lines; rejected ${summary.rejected}\n`);
    return 1;
  }
  return 0;
}

function parse() {
  return parseArgs({
    options: {
      language: { type: 'string' },
      explain: { type: 'boolean', default: false },
      'max-line-chars': { type: 'string', default: String(1024 * 1024) },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
}

// A closed reader (`… | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await main();
