import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's package; `CLOSELOOP_CHROMIUM` points elsewhere. Nothing is ever downloaded. */
export const CHROMIUM_PATH = process.env.CLOSELOOP_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export class ChromiumMissingError extends Error {}

/** A headless Chromium with a fresh profile, removed on close. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new ChromiumMissingError(
      `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CLOSELOOP_CHROMIUM`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'closeloop-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      offline: true,
    });
    return {
      context,
      close: async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (e: unknown) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
}
