import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionRepository, RecordOutcome, StoredDecision } from '#core/ports/decision-repository.ts';
import { epochSeconds, isConditionalCheckFailed, stripKeys } from './document-client.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

const STORAGE_KEYS = ['pk', 'sk', 'entity', 'candidateKey', 'timelineKey', TTL_ATTRIBUTE] as const;

export function decisionItemKey(key: string): { pk: string; sk: string } {
  return { pk: `DECISION#${key}`, sk: 'DECISION' };
}

export class DynamoDbDecisionRepository implements DecisionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordOnce(decision: StoredDecision): Promise<RecordOutcome> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...decision,
            ...decisionItemKey(decision.key),
            entity: 'decision',
            candidateKey: `CAND#${decision.candidateId}`,
            timelineKey: `DECISION#${decision.decidedAt}#${decision.key}`,
            [TTL_ATTRIBUTE]: epochSeconds(decision.retainUntil),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true };
    } catch (e: unknown) {
      if (!isConditionalCheckFailed(e)) throw e;
      const existing = await this.get(decision.key);
      if (existing === undefined)
        throw new Error(`Decision ${decision.key} exists but could not be read back`, { cause: e });
      return { created: false, existing };
    }
  }

  async get(key: string): Promise<StoredDecision | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: decisionItemKey(key), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<StoredDecision>(Item, STORAGE_KEYS);
  }
}
