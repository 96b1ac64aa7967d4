import type { Segment } from '#adapters/templates/segments.ts';

const TOKEN = /\{\{\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
/** A section tag alone on its line (Mustache's "standalone" rule): the line disappears with it. */
const STANDALONE_SECTION = /^[ \t]*(\{\{\s*[#^/]\s*[A-Za-z][A-Za-z0-9]*\s*\}\})[ \t]*\r?\n/gm;

export interface Parsed {
  readonly segments: Segment[];
  readonly required: Set<string>;
  readonly variables: Set<string>;
}

export interface ParseOptions {
  /** HTML source: values inside a tag are marked `attr`, so the renderer can treat newlines apart. */
  readonly html?: boolean;
}

/** True when `index` sits inside a tag (`<img alt="…`), i.e. in an attribute rather than in text. */
function insideTag(source: string, index: number): boolean {
  return source.lastIndexOf('<', index) > source.lastIndexOf('>', index);
}

/**
 * Parses `{{name}}`, `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}` into segments. A variable used outside any
 * section is required; one used only inside sections is optional. A section tag alone on its line takes the
 * line with it, so plain-text templates read naturally. Unbalanced sections are a build error.
 */
export function parsePlaceholders(raw: string, where: string, options: ParseOptions = {}): Parsed {
  const source = raw.replace(STANDALONE_SECTION, '$1');
  const required = new Set<string>();
  const variables = new Set<string>();
  type Frame = { kind: 'if' | 'unless' | 'root'; name: string; children: Segment[] };
  const stack: Frame[] = [{ kind: 'root', name: '', children: [] }];
  const top = (): Frame => {
    const frame = stack[stack.length - 1];
    if (frame === undefined) throw new Error(`${where}: template parser lost its stack`);
    return frame;
  };
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const [whole, sigil, name] = match;
    if (name === undefined) continue;
    const index = match.index ?? 0;
    if (index > last) top().children.push(source.slice(last, index));
    last = index + whole.length;
    variables.add(name);
    if (sigil === '#' || sigil === '^') {
      stack.push({ kind: sigil === '#' ? 'if' : 'unless', name, children: [] });
    } else if (sigil === '/') {
      const frame = stack.pop();
      if (frame === undefined || frame.kind === 'root' || frame.name !== name) {
        throw new Error(
          `${where}: {{/${name}}} closes ${frame && frame.kind !== 'root' ? `{{#${frame.name}}}` : 'nothing'}`,
        );
      }
      top().children.push(
        frame.kind === 'if' ? { if: name, body: frame.children } : { unless: name, body: frame.children },
      );
    } else {
      if (stack.length === 1) required.add(name);
      top().children.push(options.html === true && insideTag(source, index) ? { v: name, attr: true } : { v: name });
    }
  }
  if (last < source.length) top().children.push(source.slice(last));
  if (stack.length !== 1) throw new Error(`${where}: {{#${top().name}}} is never closed`);
  const unclosed = source.replace(TOKEN, '').match(/\{\{|\}\}/);
  if (unclosed) throw new Error(`${where}: a malformed placeholder near "${unclosed[0]}"`);
  return { segments: top().children, required, variables };
}
