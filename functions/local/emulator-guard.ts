import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { isLoopbackHost } from './loopback-host.ts';

export interface EmulatorGuardOptions {
  /** The emulator's name in refusals. */
  readonly name: string;
  /**
   * The dev token, presented as `Authorization: Bearer <token>` or as the AWS access key id of a SigV4
   * signature (every AWS client can be given credentials, none a custom header without code). Undefined:
   * no token is asked for (the integration tests' shared emulators), the Host and cross-site checks stay.
   */
  readonly token?: string;
  /**
   * Pages the developer opens in their own browser (the mail viewer) pass without the token when the browser
   * says the request is its user's own (`Sec-Fetch-Site: none`) or the page's own (`same-origin`): a browser
   * cannot be told to send a header on a navigation, and no other site can make either claim.
   */
  readonly browserPages?: boolean;
}

/**
 * dynalite and aws-ses-v2-local listen on loopback but trust any caller: dynalite answers any Origin with
 * `Access-Control-Allow-Origin: *`, and the SES emulator's `/store` (reply tokens included) and `/clear-store`
 * answer DNS-rebound names and cross-site forms. This puts the local API's guard in front of their own
 * request listeners, on the same server (so no unguarded port is left behind a proxy):
 *   1. a Host that is not a loopback name is refused with 421 (DNS rebinding);
 *   2. a request a browser marks as another site's (`Sec-Fetch-Site` other than same-origin or none, or an
 *      `Origin` that is not this server's) is refused with 403, CORS preflights included;
 *   3. without the dev token (where one is set) the request is refused with 401, unless `browserPages` lets the
 *      developer's own browser through;
 *   4. CORS headers the emulator adds are dropped, so no other origin can read an answer.
 */
export function guardEmulator(server: Server, options: EmulatorGuardOptions): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = refusalOf(request, options);
    if (refusal !== undefined) {
      refuse(response, refusal, options.name, request.url ?? '/');
      return;
    }
    withoutCorsHeaders(response);
    for (const listener of listeners) listener.call(server, request, response);
  });
}

interface Refusal {
  readonly status: 401 | 403 | 421;
  readonly detail: string;
}

function refusalOf(request: IncomingMessage, options: EmulatorGuardOptions): Refusal | undefined {
  const host = request.headers.host;
  if (!isLoopbackHost(host)) {
    return { status: 421, detail: 'answers only to localhost, 127.0.0.1 or [::1]' };
  }
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const ownRequest = site === 'same-origin' || site === 'none';
  if ((site !== undefined && !ownRequest) || (origin !== undefined && origin !== `http://${host}`)) {
    return { status: 403, detail: 'refuses requests from other sites' };
  }
  if (options.token === undefined || presentsToken(request, options.token)) return undefined;
  if (options.browserPages === true && ownRequest) return undefined;
  return { status: 401, detail: 'needs the dev token (Authorization: Bearer, or as the AWS access key id)' };
}

/** `Bearer <token>`, or a SigV4 `Credential=<access key id>/…` whose access key id is the token. */
export function presentsToken(request: IncomingMessage, token: string): boolean {
  const authorization = request.headers.authorization ?? '';
  const presented =
    /^Bearer (\S+)$/.exec(authorization)?.[1] ?? /^AWS4-HMAC-SHA256 .*Credential=([^/,\s]+)\//.exec(authorization)?.[1];
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function withoutCorsHeaders(response: ServerResponse): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name, value) => (/^access-control-/i.test(name) ? response : setHeader(name, value));
}

function refuse(response: ServerResponse, refusal: Refusal, name: string, path: string): void {
  response.writeHead(refusal.status, { 'content-type': 'application/problem+json' });
  response.end(
    JSON.stringify({
      type: `https://closeloop.dev/problems/local-emulator-${refusal.status}`,
      title: refusal.status === 421 ? 'Misdirected request' : refusal.status === 403 ? 'Forbidden' : 'Unauthorized',
      status: refusal.status,
      detail: `The local ${name} ${refusal.detail}.`,
      instance: path.split('?')[0],
    }),
  );
}

/** Credentials whose access key id is the dev token: what the guard above accepts from any AWS client. */
export function localCredentials(token: string | undefined): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: token ?? 'local', secretAccessKey: 'local' };
}
