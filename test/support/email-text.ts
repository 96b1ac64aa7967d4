const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
  '&#61;': '=',
  '&nbsp;': ' ',
  '&#10;': '\n',
};

/**
 * What a reader sees of an HTML email, as blocks of text (one per paragraph, table cell or line break):
 * no head, no Outlook-only markup, no hidden preheader.
 */
export function visibleBlocks(html: string): string[] {
  const text = html
    .replace(/<head[\s\S]*?<\/head>/i, '')
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<div style="display:none[^"]*">[\s\S]*?<\/div>/, '')
    .replace(/<(br|\/div|\/p|\/td|\/tr|\/table)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|nbsp|#39|#96|#61|#10);/g, (entity) => ENTITIES[entity] ?? entity);
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** Lowercase words without links or punctuation: how two renderings of the same sentence compare. */
export function words(text: string): string[] {
  return (
    text
      .replace(/https:\/\/\S+/g, ' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** True when `needle`'s words appear, in order and adjacent, in `haystack`'s words. */
export function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  return ` ${haystack.join(' ')} `.includes(` ${needle.join(' ')} `);
}

/**
 * Lines of one part whose words the other part lacks, both ways: the HTML and the plain text must carry
 * the same message, sentence for sentence (links become "label (URL)" in text, which compares equal).
 */
export function partsDiffer(html: string, text: string): { missingFromHtml: string[]; missingFromText: string[] } {
  const blocks = visibleBlocks(html);
  const htmlWords = words(blocks.join('\n'));
  const textWords = words(text);
  const lines = text.split('\n').filter((line) => words(line).length > 0);
  return {
    missingFromHtml: lines.filter((line) => !containsWords(htmlWords, words(line))),
    missingFromText: blocks.filter((block) => words(block).length > 0 && !containsWords(textWords, words(block))),
  };
}
