import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '#local/emulators.ts';

/** A fresh table on the shared dynalite, per test file, so files can run in parallel. */
export async function testTable(): Promise<{
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  tableName: string;
}> {
  const client = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, documents, tableName };
}
