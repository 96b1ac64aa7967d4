import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/emulators.ts';

/** The delivery path's stores, each the real DynamoDB adapter on one test table of the shared dynalite. */
export function dynamoDbDeliveryPorts(table: { documents: DynamoDBDocumentClient; tableName: string }) {
  return {
    decisions: new DynamoDbDecisionRepository(table.documents, table.tableName),
    notices: new DynamoDbNoticeRepository(table.documents, table.tableName),
    suppressions: new DynamoDbSuppressionRepository(table.documents, table.tableName),
    control: new DynamoDbSendingControl(table.documents, table.tableName),
    ledger: new DynamoDbReputationLedger(table.documents, table.tableName),
    erasures: new DynamoDbErasureLog(table.documents, table.tableName),
  };
}

/** The real SES v2 client, pointed at the shared aws-ses-v2-local. */
export function emulatorSesClient(): SESv2Client {
  return new SESv2Client({ endpoint: inject('sesEndpoint'), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}
