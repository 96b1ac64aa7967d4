/**
 * `npm run preview`: renders every template × locale with sample data into `preview/` as HTML, plain text and
 * PNG screenshots (headless Chromium), checks layout and accessibility, and writes `preview/index.html`.
 * `--no-screenshots` skips Chromium; template ids as arguments limit it to those templates
 * (`npm run preview -- keep-in-touch`). Exits non-zero when a check finds a problem.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog } from '#templates/generated/catalog.ts';
import { ChromiumMissingError } from './gallery/browser.ts';
import { writeGallery } from './gallery/write-gallery.ts';

const outDir = join(fileURLToPath(new URL('..', import.meta.url)), 'preview');
const args = process.argv.slice(2);
const screenshots = !args.includes('--no-screenshots');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((id) => catalog.locales[id] === undefined);
if (unknown.length > 0) {
  console.error(`preview: no template ${unknown.join(', ')} (templates: ${Object.keys(catalog.locales).join(', ')})`);
  process.exit(1);
}
const started = performance.now();
try {
  const entries = await writeGallery(outDir, catalog, {
    screenshots,
    only,
    onProgress: (done, total, entry) => {
      if (process.stdout.isTTY)
        process.stdout.write(`\rpreview: ${done}/${total} ${entry.templateId}/${entry.locale}   `);
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  const problems = entries.flatMap((e) => e.problems.map((p) => `${e.templateId}/${e.locale}-${e.variant}: ${p}`));
  for (const problem of problems) console.error(`  ${problem}`);
  console.log(
    `preview: ${entries.length} emails${screenshots ? ' with screenshots' : ''} in ${Math.round((performance.now() - started) / 1000)} s → ${join(outDir, 'index.html')}`,
  );
  if (problems.length > 0) {
    console.error(`preview: ${problems.length} problems found`);
    process.exitCode = 1;
  }
} catch (e: unknown) {
  if (e instanceof ChromiumMissingError) {
    console.error(`preview: ${e.message}; or run npm run preview -- --no-screenshots`);
    process.exitCode = 1;
  } else throw e;
}
