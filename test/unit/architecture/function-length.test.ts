import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The project's rule (COMMON rules, issue 18): no function over 80 lines of its own. */
const maxOwnLines = 80;

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface FunctionSpan {
  name: string;
  line: number;
  bodyFirst: number;
  bodyLast: number;
  /** Lines strictly inside the bodies of functions nested in this one: they are theirs, not its own. */
  nested: Set<number>;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isFunction(node: Node): boolean {
  return (
    (node.type === 'FunctionDeclaration' ||
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression') &&
    isNode(node.body)
  );
}

function children(node: Node): Node[] {
  return Object.entries(node)
    .filter(([key]) => key !== 'type' && key !== 'start' && key !== 'end')
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
    .filter(isNode);
}

function keyName(key: unknown): string | undefined {
  if (!isNode(key)) return undefined;
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') return String(key.name);
  if (key.type === 'Literal') return String(key.value);
  return undefined;
}

/** A function's name as a reader finds it: its own, the binding, property or method it is assigned to. */
function nameOf(fn: Node, parent: Node | undefined): string {
  const own = keyName(fn.id);
  if (own !== undefined) return own;
  if (parent?.type === 'VariableDeclarator') return keyName(parent.id) ?? 'anonymous';
  if (parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') {
    return keyName(parent.key) ?? 'anonymous';
  }
  return 'anonymous';
}

/** Every function of a file with its body's lines, walking the AST with the enclosing functions in hand. */
function functionsOf(file: string, text: string): FunctionSpan[] {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
  const lineOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const found: FunctionSpan[] = [];
  const visit = (node: Node, parent: Node | undefined, enclosing: FunctionSpan[]) => {
    let inner = enclosing;
    if (isFunction(node) && isNode(node.body)) {
      const span: FunctionSpan = {
        name: nameOf(node, parent),
        line: lineOf(node.start),
        bodyFirst: lineOf(node.body.start),
        bodyLast: lineOf(Math.max(node.body.start, node.body.end - 1)),
        nested: new Set(),
      };
      for (const outer of enclosing) {
        for (let line = span.bodyFirst + 1; line < span.bodyLast; line += 1) outer.nested.add(line);
      }
      found.push(span);
      inner = [...enclosing, span];
    }
    for (const child of children(node)) visit(child, node, inner);
  };
  visit(parseAst(text, { lang: 'ts' }, file) as unknown as Node, undefined, []);
  return found;
}

function ownLines(span: FunctionSpan): number {
  let count = 0;
  for (let line = span.bodyFirst; line <= span.bodyLast; line += 1) if (!span.nested.has(line)) count += 1;
  return count;
}

function overLong(file: string, text: string): string[] {
  return functionsOf(file, text)
    .map((span) => ({ span, lines: ownLines(span) }))
    .filter(({ lines }) => lines > maxOwnLines)
    .map(({ span, lines }) => `${file}:${span.line} ${span.name} (${lines} lines)`);
}

describe('function length', () => {
  it(`finds no function under functions/ or infra/ with more than ${maxOwnLines} lines of its own`, () => {
    const files = [...sourcesUnder('functions'), ...sourcesUnder('infra')];
    const offenders = files.flatMap((file) => overLong(file, readFileSync(join(root, file), 'utf8')));
    expect(files.length).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it('counts a function its own lines, leaving out those of the functions nested in it', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      'export function outer() {',
      body(50),
      '  const inner = () => {',
      body(60),
      '  };',
      '  class K { constructor() {',
      body(85),
      '  } }',
      '  return inner;',
      '}',
    ].join('\n');
    expect(overLong('example.ts', text)).toEqual(['example.ts:114 constructor (87 lines)']);
    const spans = functionsOf('example.ts', text).map((s) => [s.name, ownLines(s)]);
    expect(spans).toEqual([
      ['outer', 1 + 50 + 1 + 1 + 1 + 1 + 1 + 1],
      ['inner', 62],
      ['constructor', 87],
    ]);
  });
});
