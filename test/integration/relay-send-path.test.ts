import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { type LocalSesEvent, SimulatedSesEvents } from '#adapters/local/simulated-ses-events.ts';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { sendRelayFrom, trackDeliveryFrom, trackRelayFrom } from '#composition/use-cases.ts';
import { silentLog } from '#core/ports/log.ts';
import type { Mailer } from '#core/ports/mailer.ts';
import { makeTrackHandler } from '#handlers/make-track-handler.ts';
import { LOCAL_REGION } from '#local/emulators.ts';
import { emulatorSesClient } from '#test/support/dynamodb-delivery-ports.ts';
import { testTable } from '#test/support/dynamodb-test-table.ts';
import { integrationWorld } from '#test/support/integration-world.ts';
import { aRelayToCandidate, aRelayToRecruiter } from '#test/support/relays.ts';
import { sentEmails } from '#test/support/ses-store.ts';

let table: Awaited<ReturnType<typeof testTable>>;
beforeAll(async () => {
  table = await testTable();
});

/**
 * The real adapters (dynalite, the SES emulator, SES's reports as the local simulator publishes them) behind
 * send-relay and track-relay. `killAfterAccept` makes the worker die after SES accepted its message.
 */
function world() {
  const { clock, config, ports } = integrationWorld(table);
  const relays = new DynamoDbRelayRepository(table.documents, table.tableName);
  const track = makeTrackHandler({
    trackDelivery: trackDeliveryFrom(ports, config),
    trackRelay: trackRelayFrom({ ...ports, relays }, config),
    log: silentLog,
  });
  const results: string[] = [];
  const ses = new SimulatedSesEvents(
    new SesMailer(emulatorSesClient(), config.sesConfigurationSet),
    async ({ event }: LocalSesEvent) => {
      results.push((await track(event)).result);
    },
    clock,
    { region: LOCAL_REGION, reportDelayMs: 0 },
  );
  let killAfterAccept = false;
  const mailer: Mailer = {
    send: async (email) => {
      const accepted = await ses.send(email);
      if (killAfterAccept) throw new Error('killed after SES accepted');
      return accepted;
    },
  };
  const sendRelay = sendRelayFrom(
    { ...ports, relays, mailer, erasures: new DynamoDbErasureLog(table.documents, table.tableName) },
    config,
  );
  return {
    clock,
    relays,
    ses,
    results,
    sendRelay,
    config,
    killAfterAccept: () => {
      killAfterAccept = true;
    },
    revive: () => {
      killAfterAccept = false;
    },
  };
}

describe('relays against dynalite and the SES emulator', () => {
  it('sends a relay processed twice at the same time once, and tracks it to delivered', async () => {
    const w = world();
    const to = `grace-${Date.now()}@acme.example`;
    const relay = aRelayToRecruiter({ to });
    await w.relays.create(relay);

    const outcomes = await Promise.all([w.sendRelay(relay.id), w.sendRelay(relay.id)]);
    await w.ses.settled();

    expect(outcomes.sort()).toEqual(['busy', 'sent']);
    const emails = await sentEmails(inject('sesEndpoint'), to);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      from: '"Ada Lovelace via Closeloop" <relay@acme.example>',
      replyTo: ['recruiter+tok123@replies.acme.example'],
      subject: '[Feedback requested] Re: An update on the Analytical Engineer role at Acme',
    });
    expect(emails[0]?.body.text).toContain('Which parts of my experience fell short?');
    expect(await w.relays.get(relay.id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('reconciles a worker killed after SES accepted from the Send report, and never sends it again', async () => {
    const w = world();
    const to = `ada-${Date.now()}@example.com`;
    const relay = aRelayToCandidate({ to });
    await w.relays.create(relay);

    w.killAfterAccept();
    await expect(w.sendRelay(relay.id)).rejects.toThrow('killed after SES accepted');
    w.revive();
    await w.ses.settled();

    const reconciled = await w.relays.get(relay.id);
    expect(reconciled).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(reconciled?.history.map((h) => h.status)).toEqual(['pending', 'sending', 'sent', 'delivered']);
    // The lease runs out and the sweep's backstop (or a redelivered message) hands it to a worker again.
    w.clock.advance(w.config.sendLeaseMs + 1);
    expect(await w.sendRelay(relay.id)).toBe('done');
    expect(await sentEmails(inject('sesEndpoint'), to)).toHaveLength(1);
    expect(w.results).toEqual(['recorded', 'recorded']);
  });
});
