import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCAL_SECRET_DEFAULTS } from '#adapters/secrets/secret-values.ts';
import { definedFields } from '#core/domain/optional.ts';
import { hmacSha256 } from '#http/routes/webhooks/signatures.ts';

const dir = fileURLToPath(new URL('../fixtures/webhooks/', import.meta.url));

/** A vendor sample exactly as stored (the bytes the vendor would sign). */
export function fixtureText(path: string): string {
  return readFileSync(`${dir}${path}`, 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

/** The secrets the local stack and the tests use unless told otherwise. */
export const SECRETS = LOCAL_SECRET_DEFAULTS;

export interface SignedRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

const json = { 'content-type': 'application/json' };

export function greenhouseRequest(body: string, options: { secret?: string; eventId?: string } = {}): SignedRequest {
  const signature = hmacSha256(options.secret ?? SECRETS.greenhouse, body).toString('hex');
  return {
    body,
    headers: {
      ...json,
      signature: `sha256 ${signature}`,
      ...definedFields({ 'greenhouse-event-id': options.eventId }),
    },
  };
}

export function ashbyRequest(body: string, options: { secret?: string } = {}): SignedRequest {
  const signature = hmacSha256(options.secret ?? SECRETS.ashby, body).toString('hex');
  return { body, headers: { ...json, 'ashby-signature': `sha256=${signature}` } };
}

export function workableRequest(body: string, options: { secret?: string } = {}): SignedRequest {
  const signature = hmacSha256(options.secret ?? SECRETS.workable, body).toString('hex');
  return { body, headers: { ...json, 'x-workable-signature': signature } };
}

export function genericRequest(body: string, options: { secret?: string; at: Date }): SignedRequest {
  const t = Math.floor(options.at.getTime() / 1000);
  const v1 = hmacSha256(options.secret ?? SECRETS.generic, `${t}.`, body).toString('hex');
  return { body, headers: { ...json, 'closeloop-signature': `t=${t},v1=${v1}` } };
}

/** Lever signs `token + triggeredAt` only: the body is the sample's `data` with a fresh token, time and signature. */
export function leverRequest(
  template: Record<string, unknown>,
  options: { secret?: string; token: string; at: Date; data?: Record<string, unknown> },
): SignedRequest {
  const triggeredAt = options.at.getTime();
  const signature = hmacSha256(options.secret ?? SECRETS.lever, `${options.token}${triggeredAt}`).toString('hex');
  const body = JSON.stringify(
    { ...template, ...(options.data ? { data: options.data } : {}), token: options.token, triggeredAt, signature },
    null,
    2,
  );
  return { body, headers: json };
}
