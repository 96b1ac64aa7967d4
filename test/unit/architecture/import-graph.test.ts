import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const imports = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports as Record<string, string>;

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** `#core/x.ts` and `./x.ts` to a path from the root; anything else (packages, node:) is outside the graph. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return relative(root, resolve(root, dirname(from), specifier));
  const prefix = Object.keys(imports).find((p) => specifier.startsWith(p.replace('*', '')));
  if (prefix === undefined) return undefined;
  const target = imports[prefix]?.replace('*', specifier.slice(prefix.length - 1));
  return target === undefined ? undefined : relative(root, resolve(root, target));
}

/** Every import and re-export of every file under `functions/`, type-only ones included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourcesUnder('functions')) {
    const text = readFileSync(join(root, file), 'utf8');
    const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] ?? '');
    const targets = specifiers.map((s) => resolveSpecifier(file, s));
    graph.set(
      file,
      targets.filter((t): t is string => t?.startsWith('functions/') === true),
    );
  }
  return graph;
}

/** One cycle per strongly connected part of the graph found by a depth-first walk. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('the import graph of functions/', () => {
  const graph = importGraph();

  it('resolves every internal import to a file', () => {
    const files = new Set(graph.keys());
    const dangling = [...graph].flatMap(([from, targets]) =>
      targets.filter((t) => !files.has(t)).map((t) => `${from} → ${t}`),
    );
    expect(dangling).toEqual([]);
    expect(files.size).toBeGreaterThan(100);
  });

  it('has no cycle', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps the core free of adapters, configuration and hosts', () => {
    const outward = [...graph]
      .filter(([from]) => from.startsWith('functions/core/'))
      .flatMap(([from, targets]) =>
        targets.filter((t) => !t.startsWith('functions/core/')).map((t) => `${from} → ${t}`),
      );
    expect(outward).toEqual([]);
  });

  it('keeps configuration free of adapters, composition and hosts', () => {
    const outward = [...graph]
      .filter(([from]) => from.startsWith('functions/config/'))
      .flatMap(([from, targets]) =>
        targets.filter((t) => !/^functions\/(core|config)\//.test(t)).map((t) => `${from} → ${t}`),
      );
    expect(outward).toEqual([]);
  });
});
