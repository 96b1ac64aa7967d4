import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { packedTemplates } from '#adapters/templates/template-source.ts';
import { buildCatalog, catalogModule } from '#templates/build.ts';

const templatesDir = fileURLToPath(new URL('../../../templates', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A templates folder with the real partials and one template of our own. */
async function withTemplate(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'closeloop-templates-'));
  dirs.push(dir);
  await cp(join(templatesDir, 'partials'), join(dir, 'partials'), { recursive: true });
  await cp(join(templatesDir, 'general-rejection'), join(dir, 'sample'), { recursive: true });
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, 'sample', path), content);
  return dir;
}

describe('npm run build:templates', () => {
  it('compiles every template × locale under strict validation, and packs them losslessly', async () => {
    const catalog = await buildCatalog();

    const source = catalogModule(catalog);
    const packed = /packedTemplates\((\{.*?\}), '([A-Za-z0-9+/=]+)'\)/.exec(source);
    expect(packed).not.toBeNull();
    const locales = JSON.parse(packed?.[1] ?? '{}') as Record<string, string[]>;
    const unpacked = packedTemplates(locales, packed?.[2] ?? '');
    expect(Object.keys(locales).length).toBe(7);
    for (const [id, byLocale] of Object.entries(catalog)) {
      for (const [locale, template] of Object.entries(byLocale)) {
        expect(unpacked.template(id, locale)).toEqual(template);
        expect(template.html.some((s) => typeof s === 'string' && s.includes('fonts.googleapis.com'))).toBe(false);
      }
    }
  });

  it('fails on MJML that strict validation rejects, naming the file', async () => {
    const dir = await withTemplate({
      'en.mjml':
        '<mjml><mj-body><mj-section><mj-column><mj-text colour="red">Hi</mj-text></mj-column></mj-section></mj-body></mjml>',
    });

    await expect(buildCatalog(dir)).rejects.toThrow(/colour/);
  });

  it('fails when a text part names a partial that does not exist', async () => {
    const dir = await withTemplate({ 'en.txt': 'Subject: S\nPreheader: P\n\n{{> nowhere}}\n' });

    await expect(buildCatalog(dir)).rejects.toThrow(/nowhere/);
  });

  it('fails when a template lacks the fallback locale', async () => {
    const dir = await withTemplate({});
    await rm(join(dir, 'sample', 'en.mjml'));
    await rm(join(dir, 'sample', 'en.txt'));

    await expect(buildCatalog(dir)).rejects.toThrow(/no en\.mjml/);
  });

  it('fails when a text part has no subject or preheader', async () => {
    const dir = await withTemplate({ 'en.txt': 'Subject: S\n\nBody\n' });

    await expect(buildCatalog(dir)).rejects.toThrow(/Preheader/);
  });
});
