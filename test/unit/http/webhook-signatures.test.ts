import { describe, expect, it } from 'vitest';
import { parseGenericSignature, signGeneric } from '#http/routes/webhooks/generic.ts';
import { anyMacMatches, decodeMac, hmacSha256 } from '#http/routes/webhooks/signatures.ts';

describe('webhook signatures', () => {
  const mac = hmacSha256('secret', 'body');

  it('decodes a 32-byte MAC written in hex, base64 or base64url, and nothing else', () => {
    expect(decodeMac(mac.toString('hex'))?.equals(mac)).toBe(true);
    expect(decodeMac(mac.toString('hex').toUpperCase())?.equals(mac)).toBe(true);
    expect(decodeMac(mac.toString('base64'))?.equals(mac)).toBe(true);
    expect(decodeMac(mac.toString('base64url'))?.equals(mac)).toBe(true);
    expect(decodeMac(mac.toString('hex').slice(2))).toBeUndefined();
    expect(decodeMac('sha256=abc')).toBeUndefined();
    expect(decodeMac(undefined)).toBeUndefined();
  });

  it('matches any of several secrets and candidates, and nothing when none is right', () => {
    const compute = (secret: string) => hmacSha256(secret, 'body');

    expect(anyMacMatches(['old', 'secret'], compute, [undefined, mac])).toBe(true);
    expect(anyMacMatches(['old'], compute, [mac])).toBe(false);
    expect(anyMacMatches(['secret'], compute, [Buffer.alloc(32)])).toBe(false);
    expect(anyMacMatches([], compute, [mac])).toBe(false);
  });

  it('reads the generic header and signs t + "." + body', () => {
    const v1 = signGeneric('secret', 1_700_000_000, '{"a":1}');

    expect(parseGenericSignature(`t=1700000000,v1=${v1}`)).toEqual({ t: 1_700_000_000, v1: [v1] });
    expect(parseGenericSignature(` t=1, v1=a , v1=b`)).toEqual({ t: 1, v1: ['a', 'b'] });
    expect(v1).toBe(hmacSha256('secret', '1700000000.{"a":1}').toString('hex'));
    expect(parseGenericSignature(`v1=${v1}`)).toBeUndefined();
    expect(parseGenericSignature('t=soon,v1=abc')).toBeUndefined();
    expect(parseGenericSignature(undefined)).toBeUndefined();
  });
});
