import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { manageSendingFrom, recordDecisionsFrom, resendNoticeFrom, selectionRules } from '#composition/use-cases.ts';
import { makeCancelNotice } from '#core/use-cases/cancel-notice.ts';
import { makeGetNotice } from '#core/use-cases/get-notice.ts';
import { cognitoClaimsAuthenticator } from '#http/cognito-authenticator.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { makeHttpHandler } from './make-http-api-handler.ts';

/** Lambda entry for the HTTP API: built once per cold start. */
const runtime = awsRuntime('http-api');
const notices = new DynamoDbNoticeRepository(runtime.documents, runtime.config.tableName);
const events = new EventBridgePublisher(
  runtime.tracer.captureAWSv3Client(new EventBridgeClient({})),
  requiredEnv('CLOSELOOP_EVENT_BUS_NAME'),
);

export const handler = makeHttpHandler({
  authenticate: cognitoClaimsAuthenticator,
  log: runtime.logger,
  recordDecisions: recordDecisionsFrom(
    {
      ...runtime,
      decisions: new DynamoDbDecisionRepository(runtime.documents, runtime.config.tableName),
      notices,
      events,
    },
    runtime.config,
    selectionRules(new CompiledTemplateRenderer(catalog).available()),
  ),
  getNotice: makeGetNotice({ notices }),
  noticeActions: {
    resendNotice: resendNoticeFrom(
      {
        ...runtime,
        notices,
        suppressions: new DynamoDbSuppressionRepository(runtime.documents, runtime.config.tableName),
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
});
