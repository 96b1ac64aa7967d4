import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '#http/request-id.ts';

/** `localhost`, `127.0.0.1` or `[::1]`, with or without a port: the names a browser uses for this machine. */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

export function isLoopbackHost(host: string | undefined | null): boolean {
  return host !== undefined && host !== null && LOOPBACK_HOST.test(host);
}

type Fetch<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>;

/**
 * The local server binds 127.0.0.1, but a web page can still reach it through DNS rebinding (a name of the
 * attacker's that resolves to 127.0.0.1), and the browser then sends that name as Host. Refusing any Host
 * that is not a loopback name closes that door; 421 says "not the server for this name".
 */
export function loopbackOnly<Rest extends unknown[]>(fetch: Fetch<Rest>): Fetch<Rest> {
  return (request, ...rest) => {
    const host = request.headers.get('host') ?? new URL(request.url).host;
    if (isLoopbackHost(host)) return fetch(request, ...rest);
    const requestId = randomUUID();
    return new Response(
      JSON.stringify({
        type: 'https://closeloop.dev/problems/misdirected-request',
        title: 'Misdirected request',
        status: 421,
        detail: 'The local server answers only to localhost, 127.0.0.1 or [::1].',
        instance: new URL(request.url).pathname,
        requestId,
      }),
      { status: 421, headers: { 'content-type': 'application/problem+json', [REQUEST_ID_HEADER]: requestId } },
    );
  };
}
