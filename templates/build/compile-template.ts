import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mjml2html from 'mjml';
import type { CompiledTemplate } from '#adapters/templates/segments.ts';
import { parsePlaceholders } from './parse-placeholders.ts';

/**
 * MJML validates colour attributes strictly, so `{{brandColor}}` cannot reach it as is: each colour
 * placeholder is swapped for a unique sentinel colour before parsing (a preprocessor, so partials are
 * covered too) and swapped back in the HTML.
 */
function colorGuard(): { preprocess: (xml: string) => string; restore: (html: string) => string } {
  const sentinels = new Map<string, string>();
  return {
    preprocess: (xml) =>
      xml.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*Color)\s*\}\}/g, (_, name: string) => {
        let sentinel = sentinels.get(name);
        if (sentinel === undefined) {
          sentinel = `#c0${(sentinels.size + 1).toString(16).padStart(4, '0')}`;
          sentinels.set(name, sentinel);
        }
        return sentinel;
      }),
    restore: (html) => {
      let out = html;
      for (const [name, sentinel] of sentinels) out = out.replace(new RegExp(sentinel, 'gi'), `{{${name}}}`);
      if (/#c0[0-9a-f]{4}/i.test(out)) throw new Error('a colour sentinel survived MJML compilation');
      return out;
    },
  };
}

/** Splits a `.txt` source into its `Subject:` and `Preheader:` headers and the plain-text body. */
export function splitTextSource(source: string, where: string): { subject: string; preheader: string; body: string } {
  const normalized = source.replace(/\r\n/g, '\n');
  const blank = normalized.indexOf('\n\n');
  if (blank < 0) throw new Error(`${where}: expected "Subject:" and "Preheader:" lines, a blank line, then the body`);
  const headers = new Map<string, string>();
  for (const line of normalized.slice(0, blank).split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`${where}: header line without a colon: ${line}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const subject = headers.get('subject');
  const preheader = headers.get('preheader');
  if (!subject || !preheader) throw new Error(`${where}: both Subject: and Preheader: are required`);
  return { subject, preheader, body: `${normalized.slice(blank + 2).trimEnd()}\n` };
}

const TEXT_PARTIAL = /\{\{>\s*([a-z][a-z0-9-]*)\s*\}\}/g;

/** `{{> footer}}` in a `.txt` source is replaced by `partials/<locale>/footer.txt`, as MJML's mj-include does. */
async function includeTextPartials(source: string, partialsRoot: string, locale: string, where: string) {
  let out = source;
  for (const [whole, name] of source.matchAll(TEXT_PARTIAL)) {
    const path = join(partialsRoot, locale, `${name}.txt`);
    const partial = await readFile(path, 'utf8').catch((e: unknown) => {
      throw new Error(`${where}: {{> ${name}}} needs ${path}`, { cause: e });
    });
    out = out.replace(whole, partial.replace(/\r\n/g, '\n').trimEnd());
  }
  return out;
}

/**
 * MJML's output is indented for reading; the indentation is noise in an email (and Gmail clips messages
 * over 102 KB). Leading whitespace is insignificant everywhere in this markup (no <pre>), so it goes.
 */
function dropIndentation(html: string): string {
  return html.replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n');
}

export async function compileTemplate(
  mjmlPath: string,
  textPath: string,
  partialsRoot: string,
  locale: string,
): Promise<CompiledTemplate> {
  const textSource = await includeTextPartials(await readFile(textPath, 'utf8'), partialsRoot, locale, textPath);
  const text = splitTextSource(textSource, textPath);
  const colors = colorGuard();
  const result = await mjml2html(await readFile(mjmlPath, 'utf8'), {
    preprocessors: [colors.preprocess],
    validationLevel: 'strict',
    filePath: mjmlPath,
    // MJML 5 ignores includes unless asked, and only inside allowed roots.
    ignoreIncludes: false,
    includePath: partialsRoot,
    keepComments: false,
    // No web fonts: MJML would otherwise link Google Fonts for "Roboto", leaking every reader's IP address.
    fonts: {},
  });
  const html = dropIndentation(colors.restore(result.html));
  if (html.includes('mj-include denied') || html.includes('mj-include fails')) {
    throw new Error(`${mjmlPath}: an mj-include could not be resolved`);
  }

  const subject = parsePlaceholders(text.subject, `${textPath} (Subject)`);
  const preheader = parsePlaceholders(text.preheader, `${textPath} (Preheader)`);
  const body = parsePlaceholders(text.body, textPath);
  const htmlParsed = parsePlaceholders(html, mjmlPath, { html: true });

  const required = new Set([...subject.required, ...preheader.required, ...body.required, ...htmlParsed.required]);
  const variables = new Set([...subject.variables, ...preheader.variables, ...body.variables, ...htmlParsed.variables]);
  // The renderer supplies these two to the HTML itself, from the rendered subject and preheader.
  for (const own of ['subject', 'preheader']) {
    required.delete(own);
    variables.delete(own);
  }
  return {
    subject: subject.segments,
    preheader: preheader.segments,
    html: htmlParsed.segments,
    text: body.segments,
    required: [...required].sort(),
    variables: [...variables].sort(),
  };
}
