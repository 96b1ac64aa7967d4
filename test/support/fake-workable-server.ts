import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Member = { id: string; name: string; email?: string; role?: string; roles?: string[] };

/**
 * A fake of Workable's API on loopback (port 0): `GET /spi/v3/jobs/{shortcode}/members` behind a bearer token.
 * It records every request, and can be told to fail (an error status, a hang).
 */
export async function startFakeWorkable(options: { apiToken: string }) {
  const state = {
    jobs: new Map<string, Member[]>([
      [
        'GROOV005',
        [
          { id: '13e0eb0e', name: 'Monica Geller', email: 'monica.geller@acme.example', role: 'hiring_manager' },
          { id: '1a2b3c4d', name: 'Rachel Green', email: 'Rachel.Green@acme.example', role: 'recruiter' },
        ],
      ],
    ]),
    requests: [] as { path: string; authorization: string | undefined }[],
    failWith: undefined as number | 'hang' | undefined,
  };

  const server: Server = createServer((request, response) => {
    state.requests.push({ path: request.url ?? '', authorization: request.headers.authorization });
    if (state.failWith === 'hang') return;
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (state.failWith !== undefined) return reply(state.failWith, {});
    if (request.headers.authorization !== `Bearer ${options.apiToken}`) return reply(401, { error: 'Not authorized' });
    const match = /^\/spi\/v3\/jobs\/([^/]+)\/members$/.exec(new URL(request.url ?? '/', 'http://w.test').pathname);
    const members = match?.[1] === undefined ? undefined : state.jobs.get(decodeURIComponent(match[1]));
    return members === undefined ? reply(404, { error: 'Not found' }) : reply(200, { members });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/spi/v3`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
