import { setTimeout as sleep } from 'node:timers/promises';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { sendNoticeFrom } from '#composition/use-cases.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeSendHandler } from './make-send-handler.ts';

/** Lambda entry for the send queue's consumer: built once per cold start. */
const runtime = awsRuntime('send');
const { documents, config } = runtime;
const sendNotice = sendNoticeFrom(
  {
    ...runtime,
    notices: new DynamoDbNoticeRepository(documents, config.tableName),
    suppressions: new DynamoDbSuppressionRepository(documents, config.tableName),
    control: new DynamoDbSendingControl(documents, config.tableName, { cacheMs: 5_000 }),
    ledger: new DynamoDbReputationLedger(documents, config.tableName),
    mailer: new SesMailer(runtime.tracer.captureAWSv3Client(new SESv2Client({})), config.sesConfigurationSet),
    renderer: new CompiledTemplateRenderer(catalog),
    random: Math.random,
  },
  config,
);

/** This worker's share of the SES maximum send rate, which the CDK stack derives (see infra/constructs/send-rate.ts). */
const perSecond = z.coerce.number().positive().parse(requiredEnv('CLOSELOOP_SEND_RATE_PER_WORKER'));

export const handler = makeSendHandler({
  sendNotice,
  logger: runtime.logger,
  metrics: runtime.metrics,
  pace: { perSecond, now: Date.now, sleep: (ms) => sleep(ms) },
});
