/**
 * `npm start`: the whole of Closeloop on this machine. No Docker, no AWS account, no network.
 *   --in-memory   keep nothing (default: data under .data/, so a restart loses nothing)
 * Environment: PORT (3000), DYNAMODB_PORT (8000), SES_PORT (8005), CLOSELOOP_API_TOKEN and CLOSELOOP_VIEWER_TOKEN
 * (generated),
 * CLOSELOOP_DATA_DIR (.data), CLOSELOOP_SWEEP_INTERVAL_MS (5000), CLOSELOOP_SES_MAX_SEND_RATE (14), LOG_LEVEL (info),
 * and the webhook secrets (GREENHOUSE_WEBHOOK_SECRET … GENERIC_WEBHOOK_SECRET, printed with their dev defaults).
 */
import './quiet-sdk-warning.ts';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { consoleLog } from '#adapters/local/console-log.ts';
import { LOCAL_SECRET_DEFAULTS, SECRET_VARIABLES } from '#adapters/secrets/secret-values.ts';
import { ConfigError } from '#config/app-config.ts';
import { errorMessage } from '#core/domain/error-message.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { SecretName } from '#core/ports/secret-store.ts';
import { PortInUseError } from './emulators.ts';
import { startLocalStack } from './stack.ts';
import { markRunning, markStopped } from './unclean-stop-marker.ts';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);
const token = z
  .string()
  .min(16, 'use at least 16 characters')
  .regex(/^[A-Za-z0-9._~-]+$/, 'use letters, digits and . _ ~ - only');
const EnvSchema = z.object({
  PORT: port(3000),
  DYNAMODB_PORT: port(8000),
  SES_PORT: port(8005),
  // Also the emulators' AWS access key id (emulator-guard.ts): a SigV4 credential scope cannot hold `/`, `,` or `=`.
  CLOSELOOP_API_TOKEN: token.optional(),
  CLOSELOOP_VIEWER_TOKEN: token.optional(),
  CLOSELOOP_DATA_DIR: z.string().default('.data'),
  CLOSELOOP_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  CLOSELOOP_SES_MAX_SEND_RATE: z.coerce.number().positive().default(14),
  DYNAMODB_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

function fail(message: string): never {
  process.stderr.write(`closeloop: ${message}\n`);
  process.exit(1);
}

/** A generated token is kept beside the data, so a restart does not sign everyone out. */
async function devToken(given: string | undefined, dataDir: string | undefined, name: string): Promise<string> {
  if (given !== undefined) return given;
  if (dataDir === undefined) return randomBytes(24).toString('base64url');
  const file = join(dataDir, name);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 16) return existing.trim();
  const token = randomBytes(24).toString('base64url');
  await writeFile(file, token, { mode: 0o600 });
  return token;
}

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => a !== '--in-memory');
if (unknown.length > 0) fail(`unknown option ${unknown.join(' ')} (the only option is --in-memory)`);

const parsed = EnvSchema.safeParse(process.env);
if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
const env = parsed.data;
const dataDir = args.has('--in-memory') ? undefined : resolve(env.CLOSELOOP_DATA_DIR);
if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
const { previousRunStoppedUncleanly } =
  dataDir === undefined ? { previousRunStoppedUncleanly: false } : await markRunning(dataDir);
const apiToken = await devToken(env.CLOSELOOP_API_TOKEN, dataDir, 'dev-api-token');
const viewerToken = await devToken(env.CLOSELOOP_VIEWER_TOKEN, dataDir, 'dev-viewer-token');
if (viewerToken === apiToken) fail('CLOSELOOP_VIEWER_TOKEN must differ from CLOSELOOP_API_TOKEN');
const log = consoleLog({ level: env.LOG_LEVEL });

try {
  const stack = await startLocalStack({
    port: env.PORT,
    dynamodbPort: env.DYNAMODB_PORT,
    sesPort: env.SES_PORT,
    ...(dataDir === undefined ? {} : { dataDir: join(dataDir, 'dynamodb'), rawMailDir: join(dataDir, 'inbound') }),
    ...definedFields({ dynamodbEndpoint: env.DYNAMODB_ENDPOINT, sesEndpoint: env.SES_ENDPOINT }),
    apiToken,
    viewerToken,
    env: process.env,
    sweepIntervalMs: env.CLOSELOOP_SWEEP_INTERVAL_MS,
    sendRatePerSecond: env.CLOSELOOP_SES_MAX_SEND_RATE,
    log,
    repairIndexes: previousRunStoppedUncleanly,
  });
  const lines = [
    '',
    'Closeloop is running locally.',
    `  Dashboard         ${stack.urls.dashboard}   (sign in with the dev API token below)`,
    `  API               ${stack.urls.api}   (OpenAPI: ${stack.urls.openapi})`,
    `  Mail viewer       ${stack.urls.ses}   (SES v2 emulator; sent emails: ${stack.urls.ses}/store with the dev token)`,
    `  DynamoDB          ${stack.urls.dynamodb}   (dynalite; table ${stack.config.tableName}; the dev token is the access key id)`,
    `  Data              ${dataDir ?? 'in memory (--in-memory): nothing is kept'}`,
    `  Sweep             every ${env.CLOSELOOP_SWEEP_INTERVAL_MS / 1000}s, at most ${env.CLOSELOOP_SES_MAX_SEND_RATE} emails/s; POST /local/sweep?now=<ISO-8601> (with the token) sends what is due at once`,
    '  Tracking          SES events simulated after each send; bounce@, complaint@, suppressionlist@ and ooto@simulator.amazonses.com behave as in AWS',
    `  Default owner     ${stack.config.defaultRecruiterInbox}   (owns candidates whose decision names no recruiter's inbox; its mail lands in the mail viewer; CLOSELOOP_DEFAULT_RECRUITER_INBOX)`,
    '',
    `  Recruiter inbox   ${stack.urls.ses}   (relayed turns to the owning recruiter land in the mail viewer too)`,
    `  Recruiter answer  POST ${stack.urls.api}/local/inbound   (the token; Content-Type: message/rfc822), To the relay's`,
    `                    Reply-To recruiter+<token>@${stack.config.sender.replyDomain}, From the owner; SES's verdicts are played`,
    '                    (passing; X-Closeloop-Local-Verdict: spf=fail dkim=fail plays a refusal)   (README: A conversation)',
    '',
    `  Webhooks          ${stack.urls.api}/webhooks/{greenhouse|lever|ashby|workable|generic}   (docs/webhooks.md)`,
    ...(Object.keys(SECRET_VARIABLES) as SecretName[]).map((name) => {
      const variable = SECRET_VARIABLES[name];
      const set = (process.env[variable] ?? '') !== '';
      return `    ${variable.padEnd(27)} ${set ? '(set in the environment)' : `${LOCAL_SECRET_DEFAULTS[name]}   (dev default)`}`;
    }),
    '',
    `  Dev API token     ${apiToken}`,
    `    export CLOSELOOP_API_TOKEN=${apiToken}`,
    `  Viewer token      ${viewerToken}   (reads only: the viewer role; resend, cancel, sweep answer 403)`,
    `    export CLOSELOOP_VIEWER_TOKEN=${viewerToken}`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    stack
      .stop()
      .then(() => (dataDir === undefined ? undefined : markStopped(dataDir)))
      .then(() => process.exit(0))
      .catch((e: unknown) => fail(`could not stop cleanly: ${errorMessage(e)}`));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (e: unknown) {
  if (e instanceof PortInUseError || e instanceof ConfigError) fail(e.message);
  if (e instanceof Error && /LOCK|lock/.test(e.message) && dataDir !== undefined) {
    fail(`${dataDir} is in use by another Closeloop; stop it, set CLOSELOOP_DATA_DIR, or run with --in-memory`);
  }
  throw e;
}
