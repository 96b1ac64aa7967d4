import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/**
 * Deterministic ids make retries idempotent: the same decision always plans the same notice id, so a
 * conditional create is the dedupe.
 */
export function deterministicId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return `${prefix}_${base32(digest, 26)}`;
}

export function randomId(prefix: string): string {
  return `${prefix}_${base32(randomBytes(17), 26)}`;
}

export function randomToken(bytes = 20): string {
  return base32(randomBytes(bytes), Math.ceil((bytes * 8) / 5));
}
