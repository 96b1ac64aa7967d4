import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { CachingCallerEmails } from '#adapters/cognito/caching-caller-emails.ts';
import { CognitoCallerEmails } from '#adapters/cognito/cognito-caller-emails.ts';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { holidayCalendarFor } from '#adapters/holidays/date-holidays-calendar.ts';
import { PowertoolsIntakeMeter } from '#adapters/metrics/powertools-intake-meter.ts';
import { S3RawMailStore } from '#adapters/s3/s3-raw-mail-store.ts';
import { SECRET_VARIABLES } from '#adapters/secrets/secret-values.ts';
import { SecretsManagerSecretStore } from '#adapters/secrets/secrets-manager-secret-store.ts';
import { SqsReplyLinkQueue } from '#adapters/sqs/sqs-reply-link-queue.ts';
import { SqsSendQueue } from '#adapters/sqs/sqs-send-queue.ts';
import { CompiledTemplateRenderer } from '#adapters/templates/compiled-template-renderer.ts';
import { dynamoDbPorts } from '#composition/dynamodb-ports.ts';
import { httpAppDependencies } from '#composition/http-app-dependencies.ts';
import { loadWebhookSettings } from '#config/webhook-config.ts';
import { errorMessage } from '#core/domain/error-message.ts';
import { cognitoClaimsAuthenticator } from '#http/cognito-authenticator.ts';
import { catalog } from '#templates/generated/catalog.ts';
import { awsRuntime, requiredEnv } from './aws-runtime.ts';
import { gatewayRequestKeys, makeHttpHandler } from './make-http-api-handler.ts';
import { withLambdaContext } from './with-lambda-context.ts';

/** Lambda entry for the HTTP API: built once per cold start. */
const runtime = awsRuntime('http-api');
const capture = <T>(client: T) => runtime.tracer.captureAWSv3Client(client);

// Webhook secrets: every one must be configured (a missing ARN is a broken deployment and fails here); their
// values are read now and cached, so a Secrets Manager hiccup at cold start does not take the API down.
for (const variable of Object.values(SECRET_VARIABLES)) requiredEnv(`${variable}_ARN`);
const secrets = new SecretsManagerSecretStore(
  capture(new SecretsManagerClient({})),
  SecretsManagerSecretStore.idsFromEnv(process.env),
);
await secrets.warm().catch((e: unknown) => {
  runtime.logger.error('webhook secrets could not be read at cold start; retried per request', {
    error: errorMessage(e),
  });
});

// `GET /me` and `recruiter=me` read the caller's address from the pool (access tokens name a generated user
// name), each recruiter's once per warm container and few minutes.
const callerEmails = new CachingCallerEmails(
  new CognitoCallerEmails(capture(new CognitoIdentityProviderClient({})), requiredEnv('CLOSELOOP_USER_POOL_ID')),
  runtime.clock,
);

export const handler = withLambdaContext(
  runtime.logger,
  makeHttpHandler(
    httpAppDependencies(
      {
        ...runtime,
        ...dynamoDbPorts(runtime.table),
        // Planning and resends place notices on sending days: this function carries the holiday calendar.
        holidays: holidayCalendarFor(runtime.config),
        events: new EventBridgePublisher(capture(new EventBridgeClient({})), requiredEnv('CLOSELOOP_EVENT_BUS_NAME')),
        renderer: new CompiledTemplateRenderer(catalog),
        // Follow-ups from the dashboard: recorded as relays, sent by the send function from the send queue.
        relayQueue: new SqsSendQueue(capture(new SQSClient({})), requiredEnv('CLOSELOOP_SEND_QUEUE_URL')),
        // Links of unmatched replies are done by the reply function, from its own queue (docs/architecture.md).
        linkQueue: new SqsReplyLinkQueue(capture(new SQSClient({})), requiredEnv('CLOSELOOP_REPLY_QUEUE_URL')),
        // Erasure deletes raw messages from the inbound bucket's prefix; attachments are read from them.
        raw: new S3RawMailStore(
          capture(new S3Client({})),
          requiredEnv('CLOSELOOP_INBOUND_BUCKET'),
          requiredEnv('CLOSELOOP_INBOUND_PREFIX'),
        ),
      },
      runtime.config,
      {
        authenticate: cognitoClaimsAuthenticator,
        secrets,
        webhookSettings: loadWebhookSettings(process.env),
        callerEmails,
        meter: new PowertoolsIntakeMeter(runtime.metrics),
      },
    ),
  ),
  gatewayRequestKeys,
);
