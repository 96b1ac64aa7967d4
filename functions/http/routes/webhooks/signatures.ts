import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 32;

export function hmacSha256(secret: string, ...parts: (string | Uint8Array)[]): Buffer {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A MAC as a vendor sent it: hex (every documented scheme) or base64 (accepted too, because not every vendor
 * documents its encoding). Undefined when it is neither or not 32 bytes long.
 */
export function decodeMac(value: string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text) || /^[A-Za-z0-9_-]{43}$/.test(text)) {
    const bytes = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
    return bytes.length === MAC_BYTES ? bytes : undefined;
  }
  return undefined;
}

/**
 * True when any candidate MAC equals what any secret produces, compared in constant time. Every pair is
 * compared (no early exit), so the time taken says nothing about which secret or candidate was close.
 */
export function anyMacMatches(
  secrets: readonly string[],
  compute: (secret: string) => Buffer,
  candidates: readonly (Buffer | undefined)[],
): boolean {
  let matched = false;
  for (const secret of secrets) {
    const expected = compute(secret);
    for (const candidate of candidates) {
      if (candidate === undefined || candidate.length !== expected.length) continue;
      if (timingSafeEqual(expected, candidate)) matched = true;
    }
  }
  return matched;
}
