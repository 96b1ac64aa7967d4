import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ErasureLog, ErasureReceipt } from '#core/ports/erasure-log.ts';
import { stripKeys } from './document-client.ts';

function erasureKey(candidateId: string): { pk: string; sk: string } {
  return { pk: `ERASURE#${candidateId}`, sk: 'ERASURE' };
}

function erasedApplicationKey(applicationKey: string): { pk: string; sk: string } {
  return { pk: `ERASEDAPP#${applicationKey}`, sk: 'ERASEDAPP' };
}

/**
 * Erasure receipts: ids, counts and who asked, no personal data, so they are kept without a TTL as the record
 * that a request was carried out (like the suppression tombstone beside them). The erased applications are
 * digests too (`ERASEDAPP#<applicationKey>`, the candidate id beside it), kept as long.
 */
export class DynamoDbErasureLog implements ErasureLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(candidateId: string): Promise<ErasureReceipt | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: erasureKey(candidateId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<ErasureReceipt>(Item, ['pk', 'sk', 'entity']);
  }

  async save(receipt: ErasureReceipt): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...receipt, ...erasureKey(receipt.candidateId), entity: 'erasure' },
      }),
    );
  }

  async markApplicationErased(applicationKey: string, candidateId: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...erasedApplicationKey(applicationKey), entity: 'erased-application', candidateId },
      }),
    );
  }

  async erasedApplication(applicationKey: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: erasedApplicationKey(applicationKey), ConsistentRead: true }),
    );
    return typeof Item?.candidateId === 'string' ? Item.candidateId : undefined;
  }
}
