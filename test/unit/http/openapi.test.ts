import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { fullApp } from '#test/support/full-app.ts';

type Operation = { responses: Record<string, unknown>; security?: unknown[] };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

async function documentOf(app: ReturnType<typeof fullApp>): Promise<Document> {
  const response = await app.request('/openapi.json');
  expect(response.status).toBe(200);
  return (await response.json()) as Document;
}

/**
 * The OpenAPI document is generated from the routes' zod schemas. It must describe every route the app
 * serves, and nothing it does not, and it must be a valid OpenAPI 3.1 document: checked with
 * @seriousme/openapi-schema-validator (the OpenAPI Initiative's JSON schemas, offline).
 */
describe('the OpenAPI document', () => {
  it('documents every route the app serves, and only those', async () => {
    const app = fullApp();
    const doc = await documentOf(app);

    const served = new Set(
      app.routes
        // `app.use` middleware is registered as ALL; the document describes itself by existing.
        .filter((r) => r.method !== 'ALL' && r.path !== '/openapi.json')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );

    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
    for (const route of [
      'GET /candidates',
      'GET /candidates/{id}',
      'DELETE /candidates/{id}',
      'GET /stats',
      'POST /suppressions',
      'GET /suppressions',
      'DELETE /suppressions/{id}',
    ]) {
      expect(documented).toContain(route);
    }
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await documentOf(fullApp());
    const validator = new Validator();

    const result = await validator.validate(doc as unknown as Record<string, unknown>);

    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('declares the bearer token and a 401 problem on every recruiter route', async () => {
    const doc = await documentOf(fullApp());
    const open = /^\/(health|webhooks\/|local\/)/;

    const missing = Object.entries(doc.paths).flatMap(([path, operations]) =>
      open.test(path)
        ? []
        : Object.entries(operations)
            .filter(([, op]) => op.security === undefined || op.responses['401'] === undefined)
            .map(([method]) => `${method.toUpperCase()} ${path}`),
    );

    expect(missing).toEqual([]);
  });
});
