import type { Log } from '#core/ports/log.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

function format(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One readable line per event for the local stack (`12:00:01 INFO  notice sent noticeId=n_… attempt=1`).
 * In AWS the functions log through Powertools' structured JSON logger instead; both satisfy the Log port.
 */
export function consoleLog(options: { level?: Level; write?: (line: string) => void } = {}): Log {
  const threshold = LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit =
    (level: Level) =>
    (message: string, ...extra: Record<string, unknown>[]) => {
      if (LEVELS.indexOf(level) < threshold) return;
      const fields = Object.assign({}, ...extra) as Record<string, unknown>;
      const pairs = Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${format(v)}`);
      const time = new Date().toISOString().slice(11, 19);
      write([time, level.toUpperCase().padEnd(5), message, ...pairs].join(' '));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
