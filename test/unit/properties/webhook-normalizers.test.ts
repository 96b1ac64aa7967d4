import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadWebhookSettings } from '#config/webhook-config.ts';
import { categorizeReason, categorizeStage, DEFAULT_ATS_MAPPING } from '#core/domain/ats-mapping.ts';
import { REASON_CATEGORIES, STAGES } from '#core/domain/decision.ts';
import { candidateIdFor, emailDigest, normalizeEmail } from '#core/domain/email-address.ts';
import { ValidationError } from '#core/domain/errors.ts';
import { WEBHOOK_ADAPTERS } from '#http/routes/webhooks/register-webhook-routes.ts';
import { deliveryIdFrom, isoFrom, type RawDelivery } from '#http/routes/webhooks/webhook-source.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { fixtureJson } from '#test/support/webhook-fixtures.ts';

/**
 * Properties of the webhook normalizers (functions/http/routes/webhooks/, core/domain/ats-mapping and email
 * normalization) over arbitrary input. The fuzz run (test/reliability/fuzz.test.ts) sends mutated bodies through
 * HTTP; these go straight at the functions, many more times, and say what must hold of every answer.
 */
const settings = loadWebhookSettings({});
const lever = new InMemoryLeverApi();
// The opportunity of Lever's sample, as Lever's API would describe it: the Lever path reaches a decision too.
lever.opportunities.set('250d8f03-738a-4bba-a671-8a3d73477145', {
  id: '250d8f03-738a-4bba-a671-8a3d73477145',
  name: 'Shane Smith',
  email: 'shane@example.com',
  contactId: '7f23e772-f2cf-4d1e-9263-f7df3c5e6a8d',
  archived: {
    at: '2017-10-11T21:57:29.474Z',
    reason: { id: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42', text: 'Underqualified', type: 'non-hired' },
  },
  stageName: 'On-site interview',
  posting: { id: 'f2f01e16-27f8-4711-a728-7d49499795a0', title: 'Infrastructure Engineer' },
});
const context = { settings, lever, now: new Date('2026-11-20T10:00:00Z') };
const deliveryOf = (json: unknown): RawDelivery => {
  const text = JSON.stringify(json) ?? 'null';
  return { body: Buffer.from(text), text, header: () => undefined };
};

const SAMPLES: Record<string, unknown> = {
  greenhouse: fixtureJson('greenhouse/reject_candidate.json'),
  lever: fixtureJson('lever/candidateArchiveChange.json'),
  ashby: fixtureJson('ashby/applicationUpdate-archived.json'),
  workable: fixtureJson('workable/candidate_moved-disqualified.json'),
  generic: fixtureJson('generic/decision-rejected.json'),
};

/** Every path to a value in a JSON document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [
    prefix,
    ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, Array.isArray(value) ? Number(k) : k])),
  ];
}

function withValueAt(document: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

/** The sample with one value (anywhere in it) replaced by an arbitrary JSON value. */
const mutatedSample = (sample: unknown) =>
  fc
    .tuple(fc.constantFrom(...paths(sample)), fc.jsonValue({ maxDepth: 3 }))
    .map(([path, value]) => withValueAt(sample, path, value));

describe('webhook normalizers, for any input', () => {
  for (const adapter of WEBHOOK_ADAPTERS) {
    it(`${adapter.name}: answers an interpretation or a ValidationError naming fields, never anything else`, async () => {
      const sample = SAMPLES[adapter.name];
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutatedSample(sample)), async (json) => {
          try {
            const interpretation = await adapter.interpret(json, deliveryOf(json), context);
            if (interpretation.kind === 'ping') return;
            expect(interpretation.deliveryId).toMatch(/^([\w.:@/#+=-]{1,200}|sha256-[0-9a-f]{64})$/);
            const event = interpretation.event;
            if (event.kind === 'decision') {
              // What reaches record-decisions is a valid decision: normalized email, known categories, real dates.
              expect(event.decision.candidate.email).toBe(normalizeEmail(event.decision.candidate.email));
              expect(Number.isNaN(Date.parse(event.decision.decidedAt))).toBe(false);
              expect(event.decision.applicationId.length).toBeGreaterThan(0);
            }
            if (event.kind === 'cancel') expect(Number.isNaN(Date.parse(event.at))).toBe(false);
            if (event.kind === 'ignore') expect(event.reason.length).toBeGreaterThan(0);
          } catch (e: unknown) {
            expect(e).toBeInstanceOf(ValidationError);
            expect((e as ValidationError).issues.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('deliveryIdFrom keeps a usable vendor id, digests any other, and is a function of its input', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ unit: 'grapheme', maxLength: 300 }), { nil: undefined }),
        fc.string(),
        (id, body) => {
          const once = deliveryIdFrom(id, Buffer.from(body));
          expect(once).toMatch(/^([\w.:@/#+=-]{1,200}|sha256-[0-9a-f]{64})$/);
          expect(deliveryIdFrom(id, Buffer.from(body))).toBe(once);
          if (id !== undefined && /^[\w.:@/#+=-]{1,200}$/.test(id.trim())) expect(once).toBe(id.trim());
        },
      ),
    );
  });

  it('isoFrom always answers an ISO-8601 instant, the fallback when the value is not a date', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null), fc.constant(undefined)),
        (value) => {
          const iso = isoFrom(value, context.now);
          expect(new Date(iso).toISOString()).toBe(iso);
        },
      ),
    );
  });

  it('categorizes any reason and stage name into a known category', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (reason, type) => {
        expect(REASON_CATEGORIES).toContain(categorizeReason(DEFAULT_ATS_MAPPING, reason, type));
        expect(STAGES).toContain(categorizeStage(DEFAULT_ATS_MAPPING, reason));
      }),
    );
  });

  it('normalizes an address once and for all: case and surrounding space never make another candidate', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.stringMatching(/^[ \t]{0,3}$/), fc.boolean(), (address, pad, upper) => {
        const variant = `${pad}${upper ? address.toUpperCase() : address}${pad}`;
        expect(normalizeEmail(normalizeEmail(variant))).toBe(normalizeEmail(variant));
        expect(emailDigest(variant)).toBe(emailDigest(address));
        expect(candidateIdFor(variant)).toBe(candidateIdFor(address));
      }),
    );
  });
});
