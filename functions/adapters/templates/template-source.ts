import { brotliDecompressSync } from 'node:zlib';
import type { CompiledTemplate, TemplateCatalog, TemplateSource } from './segments.ts';

/** A catalog held as is (tests, tools). */
export function inlineTemplates(catalog: TemplateCatalog): TemplateSource {
  return {
    locales: Object.fromEntries(Object.entries(catalog).map(([id, locales]) => [id, Object.keys(locales)])),
    template: (templateId, locale) => catalog[templateId]?.[locale],
  };
}

/**
 * The build's catalog: every template × locale as one brotli-compressed JSON document (base64), decoded on
 * the first render and kept. The HTML of 28 emails is ~20 times smaller this way, which keeps the send
 * function's bundle and cold start close to those of the SDK clients it needs anyway.
 */
export function packedTemplates(locales: Readonly<Record<string, readonly string[]>>, packed: string): TemplateSource {
  let catalog: TemplateCatalog | undefined;
  const load = (): TemplateCatalog => {
    catalog ??= JSON.parse(brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8')) as TemplateCatalog;
    return catalog;
  };
  return {
    locales,
    template: (templateId, locale): CompiledTemplate | undefined =>
      locales[templateId]?.includes(locale) === true ? load()[templateId]?.[locale] : undefined,
  };
}
