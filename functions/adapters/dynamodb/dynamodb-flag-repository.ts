import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CandidateFlag, FlagHistoryEntry, FlagName } from '#core/domain/candidate-flag.ts';
import type { FlagRepository, FlagReviewChange, RaiseFlag, RaiseOutcome } from '#core/ports/flag-repository.ts';
import { epochSeconds, isConditionalCheckFailed, stripKeys } from './document-client.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

const STORAGE_KEYS = [
  'pk',
  'sk',
  'entity',
  'candidateKey',
  'timelineKey',
  'flagKey',
  'flagAt',
  'version',
  TTL_ATTRIBUTE,
] as const;
/** Older entries fall off the item; the replies themselves keep everything. */
const MAX_REPLY_IDS = 50;
const MAX_EVIDENCE = 10;
const MAX_ATTEMPTS = 5;

function flagItemKey(candidateId: string, flag: FlagName): { pk: string; sk: string } {
  return { pk: `CAND#${candidateId}`, sk: `FLAG#${flag}` };
}

type StoredFlag = CandidateFlag & { readonly version: number };

/**
 * One item per candidate and flag. While raised or confirmed it sits in the `byFlag` index
 * (`FLAG#<flag>` / the time it was last raised), so a list of candidates by flag reads newest first; a
 * dismissed flag leaves the index and keeps its history. Every change is conditional on a version number
 * (no transactions in dynalite, and none needed for one item).
 */
export class DynamoDbFlagRepository implements FlagRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async raise(input: RaiseFlag): Promise<RaiseOutcome> {
    const entry: FlagHistoryEntry = {
      action: 'raised',
      at: input.at,
      by: 'closeloop',
      reason: input.reason,
      replyId: input.replyId,
    };
    const flag: CandidateFlag = {
      candidateId: input.candidateId,
      flag: input.flag,
      status: 'raised',
      raisedAt: input.at,
      updatedAt: input.at,
      reason: input.reason,
      evidence: input.evidence.slice(0, MAX_EVIDENCE),
      replyIds: [input.replyId],
      ...(input.noticeId === undefined ? {} : { noticeId: input.noticeId }),
      history: [entry],
      retainUntil: input.retainUntil,
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...flag,
            ...flagItemKey(input.candidateId, input.flag),
            entity: 'flag',
            version: 1,
            candidateKey: `CAND#${input.candidateId}`,
            timelineKey: `FLAG#${input.at}#${input.flag}`,
            flagKey: `FLAG#${input.flag}`,
            flagAt: input.at,
            [TTL_ATTRIBUTE]: epochSeconds(input.retainUntil),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'raised';
    } catch (e: unknown) {
      if (!isConditionalCheckFailed(e)) throw e;
    }

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(input.candidateId, input.flag);
      if (current === undefined)
        throw new Error(`Flag ${input.flag} of ${input.candidateId} vanished while raising it`);
      if (current.replyIds.includes(input.replyId)) return 'unchanged';
      const status = current.status === 'dismissed' ? 'raised' : current.status;
      const again: FlagHistoryEntry = { ...entry, action: 'raised-again' };
      // The newest raise moves the candidate to the top of the by-flag list; the retention follows the newest data.
      const retainUntil = [input.retainUntil, current.retainUntil].sort().at(-1) ?? input.retainUntil;
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: flagItemKey(input.candidateId, input.flag),
            UpdateExpression:
              'SET #status = :status, updatedAt = :at, reason = :reason, evidence = :evidence, replyIds = :replyIds, ' +
              'history = list_append(history, :entry), flagKey = :flagKey, flagAt = :at, version = :next, ' +
              `retainUntil = :retainUntil, ${TTL_ATTRIBUTE} = :ttl`,
            ConditionExpression: 'version = :version',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':at': input.at,
              ':reason': input.reason,
              ':evidence': [...input.evidence, ...current.evidence].slice(0, MAX_EVIDENCE),
              ':replyIds': [...current.replyIds, input.replyId].slice(-MAX_REPLY_IDS),
              ':entry': [again],
              ':flagKey': `FLAG#${input.flag}`,
              ':version': current.version,
              ':next': current.version + 1,
              ':retainUntil': retainUntil,
              ':ttl': epochSeconds(retainUntil),
            },
          }),
        );
        return 'raised-again';
      } catch (e: unknown) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
    }
    throw new Error(`Could not raise ${input.flag} on ${input.candidateId}: too many concurrent changes`);
  }

  async get(candidateId: string, flag: FlagName): Promise<CandidateFlag | undefined> {
    const stored = await this.read(candidateId, flag);
    return stored === undefined ? undefined : stripKeys<CandidateFlag>({ ...stored }, ['version']);
  }

  async review(candidateId: string, flag: FlagName, change: FlagReviewChange): Promise<CandidateFlag | undefined> {
    const listed = change.to === 'confirmed';
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: flagItemKey(candidateId, flag),
          UpdateExpression: listed
            ? 'SET #status = :to, updatedAt = :at, history = list_append(history, :entry), flagKey = :flagKey, flagAt = if_not_exists(flagAt, :at) ADD version :one'
            : 'SET #status = :to, updatedAt = :at, history = list_append(history, :entry) REMOVE flagKey, flagAt ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND #status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': change.to,
            ':from': change.from,
            ':at': change.entry.at,
            ':entry': [change.entry],
            ':one': 1,
            ...(listed ? { ':flagKey': `FLAG#${flag}` } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes === undefined ? undefined : stripKeys<CandidateFlag>(Attributes, STORAGE_KEYS);
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  private async read(candidateId: string, flag: FlagName): Promise<StoredFlag | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: flagItemKey(candidateId, flag), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const version = typeof Item.version === 'number' ? Item.version : 0;
    return { ...stripKeys<CandidateFlag>(Item, STORAGE_KEYS), version };
  }
}
