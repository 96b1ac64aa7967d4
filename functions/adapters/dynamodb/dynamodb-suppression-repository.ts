import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Suppression, SuppressionRepository } from '#core/ports/suppression-repository.ts';
import { isConditionalCheckFailed, stripKeys } from './document-client.ts';

const STORAGE_KEYS = ['pk', 'sk', 'entity'] as const;

function suppressionKey(emailDigest: string): { pk: string; sk: string } {
  return { pk: `SUPPRESSION#${emailDigest}`, sk: 'SUPPRESSION' };
}

/**
 * Suppressions hold only the address digest, so they may outlive the candidate's personal data (which is
 * what lets an erased address stay unmailed).
 */
export class DynamoDbSuppressionRepository implements SuppressionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(suppression: Suppression): Promise<void> {
    try {
      // The first reason is kept: it is the one that explains the suppression.
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...suppression, ...suppressionKey(suppression.emailDigest), entity: 'suppression' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e: unknown) {
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }

  async find(emailDigest: string): Promise<Suppression | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: suppressionKey(emailDigest), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<Suppression>(Item, STORAGE_KEYS);
  }
}
