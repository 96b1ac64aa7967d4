import type { Segment } from '#adapters/templates/segments.ts';

const TOKEN = /\{\{\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export interface Parsed {
  readonly segments: Segment[];
  readonly required: Set<string>;
  readonly variables: Set<string>;
}

/**
 * Parses `{{name}}`, `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}` into segments. A variable used outside any
 * section is required; one used only inside sections is optional. Unbalanced sections are a build error.
 */
export function parsePlaceholders(source: string, where: string): Parsed {
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
      top().children.push({ v: name });
    }
  }
  if (last < source.length) top().children.push(source.slice(last));
  if (stack.length !== 1) throw new Error(`${where}: {{#${top().name}}} is never closed`);
  const unclosed = source.replace(TOKEN, '').match(/\{\{|\}\}/);
  if (unclosed) throw new Error(`${where}: a malformed placeholder near "${unclosed[0]}"`);
  return { segments: top().children, required, variables };
}
