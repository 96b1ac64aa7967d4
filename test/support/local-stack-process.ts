import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface StartedStack {
  readonly api: string;
  readonly ses: string;
  readonly dynamodb: string;
  readonly token: string;
  /** The viewer-only token npm start printed (or was given as CLOSELOOP_VIEWER_TOKEN). */
  readonly viewerToken: string;
  readonly output: () => string;
  /** Ctrl-C, as a user would; resolves with the exit code. */
  readonly stop: () => Promise<number | null>;
  /** SIGKILL: the process dies without any cleanup. */
  readonly kill: () => Promise<void>;
  readonly process: ChildProcess;
}

/**
 * Starts the local stack the way a user does (`npm start`), on free ports, and waits for its banner.
 * Extra arguments and environment pass through (`--in-memory`, CLOSELOOP_DATA_DIR, SES_ENDPOINT …).
 */
export async function startStackProcess(
  options: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<StartedStack> {
  const token = options.env?.CLOSELOOP_API_TOKEN ?? randomBytes(18).toString('base64url');
  const child = spawn('npm', ['start', '--silent', '--', ...(options.args ?? ['--in-memory'])], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      PORT: '0',
      DYNAMODB_PORT: '0',
      SES_PORT: '0',
      CLOSELOOP_SWEEP_INTERVAL_MS: '0',
      ...options.env,
      CLOSELOOP_API_TOKEN: token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
      throw new Error(`npm start did not come up in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = (label: string) => {
    const match = new RegExp(`${label}\\s+(http://\\S+)`).exec(output);
    if (!match?.[1]) throw new Error(`no ${label} URL in the banner:\n${output}`);
    return match[1];
  };
  const signal = (name: NodeJS.Signals) => {
    try {
      // The whole process group: npm, its shell and the node process.
      process.kill(-(child.pid ?? 0), name);
    } catch {
      // already gone
    }
  };
  return {
    api: url('API'),
    ses: url('Mail viewer'),
    dynamodb: url('DynamoDB'),
    token,
    viewerToken: /Viewer token\s+(\S+)/.exec(output)?.[1] ?? '',
    output: () => output,
    process: child,
    stop: async () => {
      signal('SIGINT');
      return exited;
    },
    kill: async () => {
      signal('SIGKILL');
      await exited;
    },
  };
}
