import { access, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const markerIn = (dataDir: string) => join(dataDir, 'running.pid');

/**
 * Marks the data directory as in use and says whether the previous run on it stopped without clearing its mark
 * (killed, crashed, the machine lost power): then the local stack repairs what an interrupted write can leave behind.
 */
export async function markRunning(dataDir: string): Promise<{ previousRunStoppedUncleanly: boolean }> {
  const marker = markerIn(dataDir);
  const existed = await access(marker).then(
    () => true,
    () => false,
  );
  await writeFile(marker, String(process.pid));
  return { previousRunStoppedUncleanly: existed };
}

/** Clears the mark on a clean stop (Ctrl-C, SIGTERM), after everything was flushed. */
export async function markStopped(dataDir: string): Promise<void> {
  await rm(markerIn(dataDir), { force: true });
}
