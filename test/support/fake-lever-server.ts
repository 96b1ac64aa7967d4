import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureJson } from './webhook-fixtures.ts';

type Json = Record<string, unknown>;

/**
 * A fake of Lever's Data API on loopback (port 0), serving the documented samples: the opportunity (mutable,
 * to archive and unarchive it), its archive reason and its posting. It records every request, and can be told
 * to fail (throttle, error, hang) to exercise the adapter's failure handling.
 */
export async function startFakeLever(options: { apiKey: string }) {
  const opportunity = fixtureJson<{ data: Json }>('lever/opportunity.json');
  const reason = fixtureJson<{ data: Json }>('lever/archive-reason.json');
  const posting = fixtureJson<{ data: Json }>('lever/posting.json');
  const state = {
    opportunities: new Map<string, Json>([[String(opportunity.data.id), structuredClone(opportunity.data)]]),
    reasons: new Map<string, Json>([[String(reason.data.id), reason.data]]),
    postings: new Map<string, Json>([[String(posting.data.id), posting.data]]),
    /** Lever's users, which `expand=owner` puts in place of the opportunity's `owner` id. */
    users: new Map<string, Json>([
      [
        String(opportunity.data.owner),
        { id: opportunity.data.owner, name: 'Rachel Green', email: 'rachel.green@acme.example' },
      ],
    ]),
    requests: [] as { path: string; authorization: string | undefined }[],
    failWith: undefined as number | 'hang' | undefined,
  };

  const route = (request: IncomingMessage): { status: number; body?: unknown } => {
    const expected = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
    if (request.headers.authorization !== expected) return { status: 401, body: { code: 'Unauthorized' } };
    const url = new URL(request.url ?? '/', 'http://lever.test');
    const [, version, collection, id] = url.pathname.split('/');
    if (version !== 'v1' || id === undefined) return { status: 404 };
    const table =
      collection === 'opportunities'
        ? state.opportunities
        : collection === 'archive_reasons'
          ? state.reasons
          : collection === 'postings'
            ? state.postings
            : undefined;
    const found = table?.get(decodeURIComponent(id));
    if (found === undefined) return { status: 404, body: { code: 'ResourceNotFound' } };
    const owner = url.searchParams.getAll('expand').includes('owner')
      ? state.users.get(String(found.owner))
      : undefined;
    return { status: 200, body: { data: owner === undefined ? found : { ...found, owner } } };
  };

  const server: Server = createServer((request, response) => {
    state.requests.push({ path: request.url ?? '', authorization: request.headers.authorization });
    if (state.failWith === 'hang') return;
    const { status, body } = state.failWith === undefined ? route(request) : { status: state.failWith, body: {} };
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body === undefined ? '' : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    state,
    opportunityId: String(opportunity.data.id),
    /** Archives or unarchives the sample opportunity, as a recruiter would in Lever. */
    setArchived(archived: { reason: string; archivedAt: number } | null) {
      const current = state.opportunities.get(String(opportunity.data.id));
      if (current) current.archived = archived;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
