import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The CDK app deploys the dashboard from web/dist, so synthesizing needs the build; `npm run build:web` is
 * content-stamped and returns at once when nothing changed.
 */
export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  await promisify(execFile)('npm', ['run', '--silent', 'build:web'], { cwd: root });
}
