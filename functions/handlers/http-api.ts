import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbCandidateRecords } from '#adapters/dynamodb/dynamodb-candidate-records.ts';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbDeliveryLog } from '#adapters/dynamodb/dynamodb-delivery-log.ts';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbFlagRepository } from '#adapters/dynamodb/dynamodb-flag-repository.ts';
import { DynamoDbLoopRecordSource } from '#adapters/dynamodb/dynamodb-loop-record-source.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { DynamoDbReplyRepository } from '#adapters/dynamodb/dynamodb-reply-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { loadWebhookSettings } from '#adapters/env/webhook-config.ts';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { holidayCalendarFor } from '#adapters/holidays/date-holidays-calendar.ts';
import { LeverHttpApi } from '#adapters/lever/lever-http-api.ts';
import { MailparserAttachmentExtractor } from '#adapters/mime/mailparser-attachment-extractor.ts';
import { S3RawMailStore } from '#adapters/s3/s3-raw-mail-store.ts';
import { SECRET_VARIABLES } from '#adapters/secrets/secret-values.ts';
import { SecretsManagerSecretStore } from '#adapters/secrets/secrets-manager-secret-store.ts';
import { SqsRelayQueue } from '#adapters/sqs/sqs-relay-queue.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import {
  conversationUseCasesFrom,
  loopStatsFrom,
  manageSendingFrom,
  manageSuppressionsFrom,
  receiveAtsEventFrom,
  recordDecisionsFrom,
  recruiterUseCasesFrom,
  replyAttachmentsFrom,
  resendNoticeFrom,
  reviewFlagFrom,
  selectionRules,
} from '#composition/use-cases.ts';
import { makeCancelNotice } from '#core/use-cases/cancel-notice.ts';
import { makeGetNotice } from '#core/use-cases/get-notice.ts';
import { cognitoClaimsAuthenticator } from '#http/cognito-authenticator.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeHttpHandler } from './make-http-api-handler.ts';

/** Lambda entry for the HTTP API: built once per cold start. */
const runtime = awsRuntime('http-api');
// Planning and resends place notices on sending days: this function carries the holiday calendar.
const holidays = holidayCalendarFor(runtime.config);
const decisions = new DynamoDbDecisionRepository(runtime.documents, runtime.config.tableName);
const notices = new DynamoDbNoticeRepository(runtime.documents, runtime.config.tableName);
const flags = new DynamoDbFlagRepository(runtime.documents, runtime.config.tableName);
const replies = new DynamoDbReplyRepository(runtime.documents, runtime.config.tableName);
const events = new EventBridgePublisher(
  runtime.tracer.captureAWSv3Client(new EventBridgeClient({})),
  requiredEnv('CLOSELOOP_EVENT_BUS_NAME'),
);
const renderer = new CompiledTemplateRenderer(catalog);
const templates = selectionRules(renderer.available(), runtime.config.templateSelection);
const suppressions = new DynamoDbSuppressionRepository(runtime.documents, runtime.config.tableName);
// The recruiter views and erasure; erasure deletes raw messages from the inbound bucket's prefix.
const recruiterPorts = {
  ...runtime,
  records: new DynamoDbCandidateRecords(runtime.documents, runtime.config.tableName),
  erasures: new DynamoDbErasureLog(runtime.documents, runtime.config.tableName),
  loopRecord: new DynamoDbLoopRecordSource(runtime.documents, runtime.config.tableName),
  flags,
  notices,
  suppressions,
  raw: new S3RawMailStore(
    runtime.tracer.captureAWSv3Client(new S3Client({})),
    requiredEnv('CLOSELOOP_INBOUND_BUCKET'),
    requiredEnv('CLOSELOOP_INBOUND_PREFIX'),
  ),
  renderer,
};

// Webhook secrets: every one must be configured (a missing ARN is a broken deployment and fails here); their
// values are read now and cached, so a Secrets Manager hiccup at cold start does not take the API down.
for (const variable of Object.values(SECRET_VARIABLES)) requiredEnv(`${variable}_ARN`);
const webhookSettings = loadWebhookSettings(process.env);
const secrets = new SecretsManagerSecretStore(
  runtime.tracer.captureAWSv3Client(new SecretsManagerClient({})),
  SecretsManagerSecretStore.idsFromEnv(process.env),
);
await secrets.warm().catch((e: unknown) => {
  runtime.logger.error('webhook secrets could not be read at cold start; retried per request', {
    error: e instanceof Error ? e.message : String(e),
  });
});

export const handler = makeHttpHandler({
  authenticate: cognitoClaimsAuthenticator,
  log: runtime.logger,
  recordDecisions: recordDecisionsFrom({ ...runtime, decisions, notices, events, holidays }, runtime.config, templates),
  getNotice: makeGetNotice({ notices }),
  noticeActions: {
    resendNotice: resendNoticeFrom(
      {
        ...runtime,
        notices,
        holidays,
        suppressions,
      },
      runtime.config,
    ),
    cancelNotice: makeCancelNotice({ ...runtime, notices }),
  },
  sending: manageSendingFrom(
    {
      ...runtime,
      control: new DynamoDbSendingControl(runtime.documents, runtime.config.tableName),
      ledger: new DynamoDbReputationLedger(runtime.documents, runtime.config.tableName),
      events,
    },
    runtime.config,
  ),
  webhooks: {
    receive: receiveAtsEventFrom(
      {
        ...runtime,
        decisions,
        notices,
        events,
        holidays,
        deliveries: new DynamoDbDeliveryLog(runtime.documents, runtime.config.tableName),
      },
      runtime.config,
      templates,
      { deliveryRetentionDays: webhookSettings.deliveryRetentionDays },
    ),
    secrets,
    lever: new LeverHttpApi({
      baseUrl: webhookSettings.leverApiUrl,
      apiKey: async () => (await secrets.get('lever-api-key'))[0] ?? '',
    }),
    settings: webhookSettings,
    clock: runtime.clock,
    log: runtime.logger,
  },
  flags: { reviewFlag: reviewFlagFrom({ ...runtime, flags, events }), getFlag: (id, flag) => flags.get(id, flag) },
  replies: { listUnmatchedReplies: (query) => replies.listUnmatched(query) },
  candidates: recruiterUseCasesFrom(recruiterPorts, runtime.config),
  // Follow-ups are relays: recorded here, sent by the send function from the send queue.
  conversations: conversationUseCasesFrom(
    {
      ...recruiterPorts,
      relays: new DynamoDbRelayRepository(runtime.documents, runtime.config.tableName),
      relayQueue: new SqsRelayQueue(
        runtime.tracer.captureAWSv3Client(new SQSClient({})),
        requiredEnv('CLOSELOOP_SEND_QUEUE_URL'),
      ),
    },
    runtime.config,
    process.env.AWS_REGION,
  ),
  attachments: replyAttachmentsFrom({ ...recruiterPorts, replies, extractor: new MailparserAttachmentExtractor() }),
  stats: { getLoopStats: loopStatsFrom(recruiterPorts) },
  suppressions: manageSuppressionsFrom({ ...runtime, suppressions }),
});
