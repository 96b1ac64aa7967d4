import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineTemplates } from '#adapters/templates/template-source.ts';
import { parsePlaceholders } from '#templates/build/parse-placeholders.ts';
import { VIEWPORTS, writeGallery } from '#templates/gallery/write-gallery.ts';
import { catalog } from '#templates/generated/catalog.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function outDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'closeloop-preview-'));
  dirs.push(dir);
  return dir;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
async function pngSize(path: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * `npm run preview` end to end, in headless Chromium (Debian's package, driven by playwright-core): every
 * template × locale as HTML, text and screenshots, each page checked for layout and accessibility.
 */
describe('the preview gallery', () => {
  // ~1 s per email on a busy 2-core machine (two screenshots and an accessibility scan each).
  it('renders, screenshots and checks every template in every locale', { timeout: 300_000 }, async () => {
    const dir = await outDir();

    const entries = await writeGallery(dir, catalog, { screenshots: true });

    expect(entries).toHaveLength(7 * 4 * 2);
    expect(entries.flatMap((e) => e.problems.map((p) => `${e.templateId}/${e.locale}-${e.variant}: ${p}`))).toEqual([]);
    const index = await readFile(join(dir, 'index.html'), 'utf8');
    for (const entry of entries) {
      expect(await readFile(join(dir, entry.files.text), 'utf8')).toContain(`Subject: ${entry.email.subject}`);
      const desktop = await pngSize(join(dir, entry.files.png ?? 'missing'));
      expect(desktop.width).toBe(VIEWPORTS.desktop.width);
      // A whole email, not a blank or cut-off page.
      expect(desktop.height).toBeGreaterThan(500);
      if (entry.variant === 'full') {
        expect((await pngSize(join(dir, entry.files.mobilePng ?? 'missing'))).width).toBe(VIEWPORTS.mobile.width);
        expect(index).toContain(entry.files.png);
      }
    }
  });

  it('reports an email that scrolls sideways or shows a broken image', async () => {
    const dir = await outDir();
    const html = parsePlaceholders(
      '<html lang="en"><head><title>Wide</title></head><body><div style="width:1200px">{{firstName}}</div>' +
        '<img src="https://closeloop.invalid/missing.png" alt="Missing"></body></html>',
      'broken',
      { html: true },
    );
    const broken = inlineTemplates({
      broken: {
        en: { subject: ['Wide'], preheader: ['P'], html: html.segments, text: ['x'], required: [], variables: [] },
      },
    });

    const [entry] = await writeGallery(dir, broken, { screenshots: true });

    expect(entry?.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^desktop: scrolls sideways by \d+px$/),
        expect.stringMatching(/^mobile: scrolls sideways/),
        'desktop: image https://closeloop.invalid/missing.png did not load',
      ]),
    );
  });
});
