/**
 * `npm run demo`: tells two stories against a running `npm start` and narrates them: the conversation (issue 14's
 * four turns, conversation-story.ts), then the reply loop with two candidates (demo-story.ts).
 *   --api <url>    the API (default http://localhost:3000, or CLOSELOOP_API_URL)
 *   --ses <url>    the mail viewer (default http://localhost:8005, or CLOSELOOP_SES_URL)
 *   --token <t>    the dev API token (default CLOSELOOP_API_TOKEN, else .data/dev-api-token)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runConversationStory } from './conversation-story.ts';
import { runStory, StackNotRunningError } from './demo-story.ts';

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

let values: { api?: string | undefined; ses?: string | undefined; token?: string | undefined };
try {
  ({ values } = parseArgs({
    options: { api: { type: 'string' }, ses: { type: 'string' }, token: { type: 'string' } },
    strict: true,
  }));
} catch (e: unknown) {
  fail(`${e instanceof Error ? e.message : String(e)} (options: --api <url> --ses <url> --token <token>)`);
}

const dataDir = process.env.CLOSELOOP_DATA_DIR ?? '.data';
const token =
  values.token ??
  process.env.CLOSELOOP_API_TOKEN ??
  (await readFile(join(dataDir, 'dev-api-token'), 'utf8').then(
    (t) => t.trim(),
    () => undefined,
  ));
if (token === undefined || token === '') {
  fail('no API token: pass --token, or export CLOSELOOP_API_TOKEN=<the token `npm start` printed>');
}

try {
  const endpoints = {
    api: (values.api ?? process.env.CLOSELOOP_API_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    ses: (values.ses ?? process.env.CLOSELOOP_SES_URL ?? 'http://localhost:8005').replace(/\/$/, ''),
    token,
  };
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say('━━ A conversation: rejected, a question, the recruiter answers, a bridge burned ━━\n');
  await runConversationStory(endpoints, say);
  say('\n━━ The reply loop: two candidates, a warm answer and a hostile one ━━\n');
  await runStory(endpoints, say);
} catch (e: unknown) {
  if (e instanceof StackNotRunningError) fail(e.message);
  fail(e instanceof Error ? e.message : String(e));
}
