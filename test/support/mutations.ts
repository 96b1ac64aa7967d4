/**
 * Seeded mutations of valid inputs, for the fuzz run: the same seed gives the same inputs, so a failure can be
 * replayed. Two families: byte-level damage (flips, cuts, splices, hostile bytes) that mostly breaks the format,
 * and structure-aware edits of JSON (a field's value swapped for a hostile one, a field removed or added) that
 * keep the body valid JSON, so it gets past JSON.parse into the vendor schemas and the normalizers.
 */

/** mulberry32: small, fast, good enough to pick mutations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, max: number) => Math.floor(random() * max);

/** Values that have broken parsers before: wrong types, extremes, markup, odd Unicode, prototype keys. */
const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  'x'.repeat(70_000),
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{firstName}}',
  '\u0000\u0001\u0007',
  '\ud800',
  '🙂'.repeat(500),
  '‮reversed',
  'a@b',
  'not-an-email',
  'ada@example.com\r\nBcc: eve@example.com',
  '2026-02-30T25:61:00Z',
  '9999-12-31T23:59:59Z',
  '../../etc/passwd',
  [],
  [[[[[]]]]],
  {},
  // Own `__proto__` and `constructor` keys, as JSON.parse makes them (an object literal would set the prototype).
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
];

function mutateBytes(bytes: Uint8Array, random: Random): Uint8Array {
  const out = [...bytes];
  const edits = 1 + int(random, 8);
  for (let i = 0; i < edits; i++) {
    const at = int(random, out.length + 1);
    switch (int(random, 7)) {
      case 0:
        if (out.length > 0) out[Math.min(at, out.length - 1)] = int(random, 256);
        break;
      case 1:
        out.splice(at, 1 + int(random, 64));
        break;
      case 2:
        out.splice(at, 0, ...Array.from({ length: 1 + int(random, 16) }, () => int(random, 256)));
        break;
      case 3: {
        const from = int(random, out.length + 1);
        out.splice(at, 0, ...out.slice(from, from + 1 + int(random, 256)));
        break;
      }
      case 4:
        out.length = at;
        break;
      case 5:
        out.splice(at, 0, ...new TextEncoder().encode(pick(random, ['\r\n', '\n\n', '"', '\\', '=?utf-8?B?', '--'])));
        break;
      default:
        out.splice(at, 0, ...new TextEncoder().encode(String(pick(random, HOSTILE_VALUES))));
    }
  }
  return Uint8Array.from(out);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  return [prefix];
}

export function mutateJson(document: Json, random: Random): Json {
  const copy = structuredClone(document);
  const edits = 1 + int(random, 4);
  for (let i = 0; i < edits; i++) {
    const all = paths(copy).filter((p) => p.length > 0);
    const path = pick(random, all);
    if (path === undefined) break;
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key] as Json, copy);
    const key = path.at(-1) as string | number;
    if (parent === null || typeof parent !== 'object') continue;
    const container = parent as Record<string | number, Json>;
    switch (int(random, 4)) {
      case 0:
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete container[key];
        break;
      case 1:
        container[`${key}_${int(random, 100)}`] = pick(random, HOSTILE_VALUES) as Json;
        break;
      default:
        container[key] = structuredClone(pick(random, HOSTILE_VALUES)) as Json;
    }
  }
  return copy;
}

/** A mutated body: structure-aware for JSON half of the time, byte-level otherwise. */
export function mutateBody(original: string, random: Random): string {
  if (random() < 0.5) {
    try {
      return JSON.stringify(mutateJson(JSON.parse(original) as Json, random));
    } catch {
      // not JSON: fall through to bytes
    }
  }
  return new TextDecoder().decode(mutateBytes(new TextEncoder().encode(original), random));
}

/** A mutated raw message: headers, boundaries and encodings damaged at the byte level. */
export function mutateMime(original: string, random: Random): Uint8Array {
  return mutateBytes(new TextEncoder().encode(original), random);
}
