import { setTimeout as sleep } from 'node:timers/promises';
import { BufferedReputationLedger } from '#adapters/ledger/buffered-reputation-ledger.ts';
import { sendingSesClient } from '#adapters/ses/sending-ses-client.ts';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { controlIn, erasuresIn, ledgerIn, noticesIn, relaysIn, suppressionsIn } from '#composition/dynamodb-ports.ts';
import { sendNoticeFrom, sendRelayFrom } from '#composition/use-cases.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { awsBaseRuntime, requiredEnv } from './aws-base-runtime.ts';
import { makeSendHandler } from './make-send-handler.ts';
import { withLambdaContext } from './with-lambda-context.ts';

/**
 * Lambda entry for the send queue's consumer: built once per cold start.
 *
 * No X-Ray SDK here (Lambda's active tracing still records each invocation and its initialization): for
 * subsegments of the two AWS calls per message it would add ~120 KiB and 20–50 % to this function's cold
 * import. See docs/BENCHMARKS.md, "Email templates and the send function".
 */
const runtime = awsBaseRuntime('send');
const { config } = runtime;
// A pause reaches this function within 5 s: a read per email would cost more than a few emails' delay.
const table = { ...runtime.table, sendingControlCacheMs: 5_000 };
// Sends are counted once per batch, not once per email (buffered-reputation-ledger.ts).
const ledger = new BufferedReputationLedger(ledgerIn(table));
const ports = {
  ...runtime,
  notices: noticesIn(table),
  suppressions: suppressionsIn(table),
  control: controlIn(table),
  ledger,
  mailer: new SesMailer(sendingSesClient(), config.sesConfigurationSet),
  renderer: new CompiledTemplateRenderer(catalog),
  random: Math.random,
};
const sendNotice = sendNoticeFrom(ports, config);
// Relays share the queue, the pace and the batch's send counts: the SES rate holds for both.
const sendRelay = sendRelayFrom({ ...ports, relays: relaysIn(table), erasures: erasuresIn(table) }, config);

/** This worker's share of the SES maximum send rate, which the CDK stack derives (infra/constructs/send-rate.ts). */
const perSecond = Number(requiredEnv('CLOSELOOP_SEND_RATE_PER_WORKER'));
if (!(perSecond > 0)) throw new Error('CLOSELOOP_SEND_RATE_PER_WORKER must be a positive number of emails per second');

export const handler = withLambdaContext(
  runtime.logger,
  makeSendHandler({
    sendNotice,
    sendRelay,
    afterBatch: () => ledger.flush(),
    logger: runtime.logger,
    metrics: runtime.metrics,
    pace: { perSecond, now: Date.now, sleep: (ms) => sleep(ms) },
  }),
);
