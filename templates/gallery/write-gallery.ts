import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TemplateSource } from '#adapters/templates/segments.ts';
import { SAMPLE_LOGO_URL } from '../samples/sample-notices.ts';
import { launchChromium } from './browser.ts';
import { indexPage } from './index-page.ts';
import { type RenderedSample, renderSamples } from './render-samples.ts';

export const VIEWPORTS = { desktop: { width: 720, height: 900 }, mobile: { width: 375, height: 740 } } as const;

/** What a reader would trip over: checked in Chromium on every screenshot. */
const LAYOUT_CHECK = `(() => {
  const problems = [];
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  if (overflow > 0) problems.push('scrolls sideways by ' + overflow + 'px');
  for (const img of Array.from(document.images)) {
    if (!img.complete || img.naturalWidth === 0) problems.push('image ' + img.getAttribute('src') + ' did not load');
  }
  return problems;
})()`;

/** The accessibility rules that apply to an email (landmark rules are for pages, not messages). */
const AXE_RULES = ['color-contrast', 'image-alt', 'html-has-lang', 'html-lang-valid', 'document-title', 'link-name'];

/** A stand-in logo, so the preview needs no network. */
const SAMPLE_LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="64" viewBox="0 0 256 64">
<rect x="0" y="8" width="48" height="48" rx="12" fill="#1f6feb"/><path d="M14 44 L24 18 L34 44 M18 35 H30" stroke="#fff" stroke-width="5" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
<text x="62" y="44" font-family="Helvetica, Arial, sans-serif" font-size="32" font-weight="700" fill="#1f2328">Acme</text></svg>`;

export interface GalleryEntry extends RenderedSample {
  /** Paths relative to the gallery folder. */
  readonly files: { readonly html: string; readonly text: string; readonly png?: string; readonly mobilePng?: string };
  readonly problems: readonly string[];
}

export interface GalleryOptions {
  readonly screenshots: boolean;
  /** Only these templates (all when empty). */
  readonly only?: readonly string[];
  readonly onProgress?: (done: number, total: number, entry: GalleryEntry) => void;
}

/**
 * Writes every sample as HTML, plain text and (with Chromium) PNG screenshots at desktop and phone widths,
 * checks each page's layout and accessibility, and writes `index.html` showing them side by side.
 */
export async function writeGallery(
  outDir: string,
  source: TemplateSource,
  options: GalleryOptions,
): Promise<GalleryEntry[]> {
  const samples = renderSamples(source).filter(
    (s) => options.only === undefined || options.only.length === 0 || options.only.includes(s.templateId),
  );
  await mkdir(join(outDir, 'assets'), { recursive: true });
  await writeFile(join(outDir, 'assets', 'logo.svg'), SAMPLE_LOGO);

  const browser = options.screenshots ? await launchChromium() : undefined;
  const axe = options.screenshots
    ? await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    : '';
  const entries: GalleryEntry[] = [];
  try {
    const page = browser === undefined ? undefined : await browser.context.newPage();
    for (const sample of samples) {
      const dir = join(outDir, sample.templateId);
      await mkdir(dir, { recursive: true });
      const base = `${sample.locale}-${sample.variant}`;
      const html = sample.email.html.replaceAll(SAMPLE_LOGO_URL, '../assets/logo.svg');
      const text = `Subject: ${sample.email.subject}\nPreheader: ${sample.email.preheader}\n\n${sample.email.text}`;
      await writeFile(join(dir, `${base}.html`), html);
      await writeFile(join(dir, `${base}.txt`), text);
      const files: { html: string; text: string; png?: string; mobilePng?: string } = {
        html: `${sample.templateId}/${base}.html`,
        text: `${sample.templateId}/${base}.txt`,
      };
      const problems: string[] = [];
      if (page !== undefined) {
        await page.setViewportSize(VIEWPORTS.desktop);
        await page.goto(pathToFileURL(join(dir, `${base}.html`)).href, { waitUntil: 'load' });
        // The phone width is the same page resized: the email's media queries apply without a reload.
        const shots = sample.variant === 'full' ? (['desktop', 'mobile'] as const) : (['desktop'] as const);
        for (const viewport of shots) {
          await page.setViewportSize(VIEWPORTS[viewport]);
          const png = `${base}${viewport === 'mobile' ? '-mobile' : ''}.png`;
          await page.screenshot({ path: join(dir, png), fullPage: true });
          if (viewport === 'mobile') files.mobilePng = `${sample.templateId}/${png}`;
          else files.png = `${sample.templateId}/${png}`;
          const found = (await page.evaluate(LAYOUT_CHECK)) as string[];
          problems.push(...found.map((p) => `${viewport}: ${p}`));
        }
        await page.addScriptTag({ content: axe });
        const violations = (await page.evaluate(
          `axe.run(document, { runOnly: { type: 'rule', values: ${JSON.stringify(AXE_RULES)} } })
             .then((r) => r.violations.map((v) => v.id + ' (' + v.nodes.length + '): ' + v.help))`,
        )) as string[];
        problems.push(...violations.map((v) => `accessibility: ${v}`));
      }
      const entry: GalleryEntry = { ...sample, files, problems };
      entries.push(entry);
      options.onProgress?.(entries.length, samples.length, entry);
    }
  } finally {
    await browser?.close();
  }
  await writeFile(join(outDir, 'index.html'), indexPage(entries));
  return entries;
}
