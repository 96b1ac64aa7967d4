import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { SesMailer } from '#adapters/ses/ses-mailer.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { sendNoticeFrom } from '#composition/use-cases.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { awsBaseRuntime } from './aws-base-runtime.ts';
import { makeSendHandler } from './make-send-handler.ts';

/**
 * Lambda entry for the send queue's consumer: built once per cold start.
 *
 * No X-Ray SDK here (Lambda's active tracing still records each invocation and its initialization): for
 * subsegments of the two AWS calls per message it would add ~120 KiB and 20–50 % to this function's cold
 * import. See docs/BENCHMARKS.md, "Email templates and the send function".
 */
const runtime = awsBaseRuntime('send');
const sendNotice = sendNoticeFrom(
  {
    ...runtime,
    notices: new DynamoDbNoticeRepository(runtime.documents, runtime.config.tableName),
    suppressions: new DynamoDbSuppressionRepository(runtime.documents, runtime.config.tableName),
    mailer: new SesMailer(new SESv2Client({}), runtime.config.sesConfigurationSet),
    renderer: new CompiledTemplateRenderer(catalog),
    random: Math.random,
  },
  runtime.config,
);

export const handler = makeSendHandler({ sendNotice, logger: runtime.logger, metrics: runtime.metrics });
