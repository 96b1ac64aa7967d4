import { beforeAll, describe, expect, inject, it } from 'vitest';
import { aDecision } from '#test/support/builders.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { integrationWorld } from '#test/support/integration-world.ts';
import { sentEmails } from '#test/support/ses-store.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

/** The real adapters (dynalite, the SES emulator) behind the real use cases; only the queue is recorded. */
function world() {
  const { useCases, clock, queue } = integrationWorld(table);
  return { ...useCases, clock, queue };
}

describe('the first flow against dynalite and the SES emulator', () => {
  it('turns a decision posted twice into exactly one email', async () => {
    const w = world();
    const to = `twice-${Date.now()}@example.com`;
    const decision = aDecision({ applicationId: `twice-${Date.now()}`, candidate: { email: to } });

    await w.recordDecisions([decision]);
    await w.recordDecisions([decision]);
    w.clock.advance(3_600_000);
    await w.sweep();
    for (const id of w.queue.take()) await w.sendNotice(id);

    const emails = await sentEmails(inject('sesEndpoint'), to);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe('An update on the Analytical Engineer role at Acme');
    expect(emails[0]?.body.text).toContain('Hi Ada,');
  });

  it('sends a German keep-in-touch email through SES with its umlauts intact', async () => {
    const w = world();
    const to = `kit-${Date.now()}@example.com`;
    await w.recordDecisions([
      aDecision({
        applicationId: `kit-${Date.now()}`,
        keepInTouch: true,
        candidate: { email: to, name: 'Jürgen Müller', locale: 'de-AT' },
      }),
    ]);
    w.clock.advance(3_600_000);
    await w.sweep();
    for (const id of w.queue.take()) await w.sendNotice(id);

    const [email] = await sentEmails(inject('sesEndpoint'), to);
    expect(email?.subject).toBe('Bleiben wir in Kontakt? Ihre Bewerbung bei Acme');
    expect(email?.body.text).toContain('Guten Tag Jürgen Müller,');
    expect(email?.body.text).toContain('Wir würden gern mit Ihnen in Kontakt bleiben.');
    expect(email?.body.html).toContain('<html lang="de"');
  });

  it('sends one email per notice when sweeps and send workers race', async () => {
    const w = world();
    const run = Date.now();
    const addresses = Array.from({ length: 20 }, (_, i) => `race-${run}-${i}@example.com`);
    await w.recordDecisions(
      addresses.map((email, i) => aDecision({ applicationId: `race-${run}-${i}`, candidate: { email } })),
    );
    w.clock.advance(3_600_000);

    // Two sweeps at once, then every enqueued message delivered to two workers at once.
    await Promise.all([w.sweep(), w.sweep()]);
    const messages = w.queue.take();
    await Promise.all([...messages, ...messages].map((id) => w.sendNotice(id)));

    const all = await sentEmails(inject('sesEndpoint'));
    const ours = all.filter((e) => e.destination.to.some((t) => addresses.includes(t)));
    expect(ours).toHaveLength(20);
    expect(new Set(ours.map((e) => e.destination.to[0])).size).toBe(20);
  });
});
