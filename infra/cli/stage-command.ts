/**
 * `npm run deploy -- --stage <name> [--stage-file <path>] [cdk options…]` and `npm run diff -- --stage <name> …`:
 * `npx cdk deploy|diff --all -c stage=<name> [-c stageFile=<path>] [cdk options…]`. The stage is never assumed:
 * deploying the wrong one by forgetting a flag is not a mistake this command lets anyone make.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const STAGE_COMMANDS = ['deploy', 'diff'] as const;
export type StageCommand = (typeof STAGE_COMMANDS)[number];

const USAGE = 'usage: npm run deploy|diff -- --stage <name> [--stage-file <path>] [other cdk options]';

/** The `cdk` arguments for one command, or the reason the command line cannot be run. */
export function cdkArguments(command: StageCommand, argv: readonly string[]): string[] | { problem: string } {
  const rest: string[] = [];
  let stage: string | undefined;
  let stageFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    if (flag !== '--stage' && flag !== '--stage-file') {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--'))
      return { problem: `${flag} needs a value. ${USAGE}` };
    if (flag === '--stage') stage = value;
    else stageFile = value;
  }
  if (stage === undefined && stageFile === undefined) return { problem: `Which stage? ${USAGE}` };
  return [
    command,
    '--all',
    ...(stage === undefined ? [] : ['-c', `stage=${stage}`]),
    ...(stageFile === undefined ? [] : ['-c', `stageFile=${stageFile}`]),
    ...rest,
  ];
}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (!STAGE_COMMANDS.includes(command as StageCommand)) {
    console.error(USAGE);
    return 2;
  }
  const args = cdkArguments(command as StageCommand, rest);
  if ('problem' in args) {
    console.error(args.problem);
    return 2;
  }
  console.error(`> npx cdk ${args.join(' ')}`);
  return spawnSync('npx', ['cdk', ...args], { stdio: 'inherit' }).status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
