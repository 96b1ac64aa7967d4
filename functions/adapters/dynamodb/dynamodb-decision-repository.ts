import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  AdvanceOutcome,
  AtsStatus,
  DecisionRepository,
  RecordOutcome,
  StoredDecision,
} from '#core/ports/decision-repository.ts';
import { epochSeconds, isConditionalCheckFailed, stripKeys } from './document-client.ts';
import { putIfAbsent } from './put-if-absent.ts';
import { periodKeys, TTL_ATTRIBUTE } from './table-definition.ts';

const STORAGE_KEYS = [
  'pk',
  'sk',
  'entity',
  'candidateKey',
  'timelineKey',
  'periodKey',
  'periodAt',
  TTL_ATTRIBUTE,
] as const;

export function decisionItemKey(key: string): { pk: string; sk: string } {
  return { pk: `DECISION#${key}`, sk: 'DECISION' };
}

export class DynamoDbDecisionRepository implements DecisionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordOnce(decision: StoredDecision): Promise<RecordOutcome> {
    return putIfAbsent(this.client, {
      tableName: this.tableName,
      item: {
        ...decision,
        ...decisionItemKey(decision.key),
        entity: 'decision',
        candidateKey: `CAND#${decision.candidateId}`,
        timelineKey: `DECISION#${decision.decidedAt}#${decision.key}`,
        ...periodKeys(decision.decidedAt, 'D', decision.key),
        [TTL_ATTRIBUTE]: epochSeconds(decision.retainUntil),
      },
      what: `Decision ${decision.key}`,
      readBack: () => this.get(decision.key),
    });
  }

  async get(key: string): Promise<StoredDecision | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: decisionItemKey(key), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<StoredDecision>(Item, STORAGE_KEYS);
  }

  async advance(key: string, status: AtsStatus, at: string): Promise<AdvanceOutcome> {
    // A rejection must be strictly newer than what is known (a replay of the same one changes nothing); a
    // reversal may carry the same instant as the rejection it reverses (Greenhouse's samples do).
    const newer = status === 'rejected' ? '<' : '<=';
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: decisionItemKey(key),
          UpdateExpression: 'SET atsStatus = :status, atsStatusAt = :at',
          ConditionExpression: `attribute_exists(pk) AND ((attribute_not_exists(atsStatusAt) AND decidedAt ${newer} :at) OR atsStatusAt ${newer} :at)`,
          ExpressionAttributeValues: { ':status': status, ':at': at },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const previous = Attributes?.atsStatus === 'cancelled' ? 'cancelled' : 'rejected';
      return { advanced: true, previous };
    } catch (e: unknown) {
      if (!isConditionalCheckFailed(e)) throw e;
      return { advanced: false, reason: (await this.get(key)) === undefined ? 'not-found' : 'stale' };
    }
  }
}
