import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  appendHistory,
  type CandidateFlag,
  type FlagHistoryEntry,
  type FlagName,
} from '#core/domain/candidate-flag.ts';
import { firstRaise, raiseAgain } from '#core/domain/flag-raise.ts';
import { definedFields } from '#core/domain/optional.ts';
import type {
  FlagAnswer,
  FlagFilter,
  FlagPage,
  FlagQuery,
  FlagRepository,
  FlagReviewChange,
  RaiseFlag,
  RaiseOutcome,
} from '#core/ports/flag-repository.ts';
import { type ContentionBackoff, jitteredBackoff, MAX_CONTENDED_ATTEMPTS } from './contention-backoff.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
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

export function flagItemKey(candidateId: string, flag: FlagName): { pk: string; sk: string } {
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
    /** Between attempts that lost to a concurrent change (contention-backoff.ts). */
    private readonly backoff: ContentionBackoff = jitteredBackoff(),
  ) {}

  /**
   * The merge rules are the domain's (`flag-raise.ts`); this only makes each write conditional, and tries
   * again after a jittered wait when a concurrent reply's write got there first.
   */
  async raise(input: RaiseFlag): Promise<RaiseOutcome> {
    if (await this.putFirst(firstRaise(input))) return 'raised';
    for (let attempt = 0; attempt < MAX_CONTENDED_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.backoff(attempt);
      const current = await this.read(input.candidateId, input.flag);
      if (current === undefined)
        throw new Error(`Flag ${input.flag} of ${input.candidateId} vanished while raising it`);
      const { version, ...flag } = current;
      const next = raiseAgain(flag, input);
      if (next === 'unchanged') return 'unchanged';
      if (await this.replace(next, version)) return 'raised-again';
    }
    throw new Error(`Could not raise ${input.flag} on ${input.candidateId}: too many concurrent changes`);
  }

  private async putFirst(flag: CandidateFlag): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...flag,
            ...flagItemKey(flag.candidateId, flag.flag),
            entity: 'flag',
            version: 1,
            candidateKey: `CAND#${flag.candidateId}`,
            timelineKey: `FLAG#${flag.raisedAt}#${flag.flag}`,
            flagKey: `FLAG#${flag.flag}`,
            flagAt: flag.updatedAt,
            [TTL_ATTRIBUTE]: epochSeconds(flag.retainUntil),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  /**
   * Writes a raised-again flag over `version`: the newest raise moves the candidate to the top of the by-flag
   * list. False when another change got there first.
   */
  private async replace(next: CandidateFlag, version: number): Promise<boolean> {
    const subject = {
      ...definedFields({ noticeId: next.noticeId, candidateName: next.candidateName, job: next.job }),
    };
    const subjectSet = Object.keys(subject)
      .map((name) => `, ${name} = :${name}`)
      .join('');
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: flagItemKey(next.candidateId, next.flag),
          UpdateExpression:
            'SET #status = :status, updatedAt = :at, reason = :reason, evidence = :evidence, replyIds = :replyIds, ' +
            'history = :history, flagKey = :flagKey, flagAt = :at, version = :next, ' +
            `retainUntil = :retainUntil, ${TTL_ATTRIBUTE} = :ttl${subjectSet}${omittedSet(next)}`,
          ConditionExpression: 'version = :version',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': next.status,
            ':at': next.updatedAt,
            ':reason': next.reason,
            ':evidence': next.evidence,
            ':replyIds': next.replyIds,
            // The whole capped history (`appendHistory`): the write is conditional on the version it was read at.
            ':history': next.history,
            ...omittedValue(next),
            ':flagKey': `FLAG#${next.flag}`,
            ':version': version,
            ':next': version + 1,
            ':retainUntil': next.retainUntil,
            ':ttl': epochSeconds(next.retainUntil),
            ...Object.fromEntries(Object.entries(subject).map(([name, value]) => [`:${name}`, value])),
          },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
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

  async markAnswered(candidateId: string, flag: FlagName, answer: FlagAnswer): Promise<CandidateFlag | undefined> {
    const entry: FlagHistoryEntry = {
      action: 'answered',
      at: answer.at,
      by: answer.by,
      reason: answer.relayId === undefined ? 'marked answered' : 'answered by a follow-up',
      ...definedFields({ relayId: answer.relayId }),
    };
    for (let attempt = 0; attempt < MAX_CONTENDED_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.backoff(attempt);
      const current = await this.read(candidateId, flag);
      if (current === undefined) return undefined;
      const { version, ...plain } = current;
      if (answer.relayId !== undefined && current.history.some((h) => h.relayId === answer.relayId)) return plain;
      const capped = appendHistory(current, entry);
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: flagItemKey(candidateId, flag),
            UpdateExpression: `SET answeredAt = :at, updatedAt = :at, history = :history, version = :next${omittedSet(capped)}`,
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: {
              ':at': answer.at,
              ':history': capped.history,
              ...omittedValue(capped),
              ':version': version,
              ':next': version + 1,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes === undefined ? undefined : stripKeys<CandidateFlag>(Attributes, STORAGE_KEYS);
      } catch (e: unknown) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
    }
    throw new Error(`Could not mark ${flag} of ${candidateId} answered: too many concurrent changes`);
  }

  async list(query: FlagQuery): Promise<FlagPage> {
    const items: CandidateFlag[] = [];
    let startKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isFlagCursor(query.flag));
    // A job filter is applied after the key condition, so one request may match fewer than asked: read on
    // (a bounded number of times) until the page is full. Asking for exactly what is missing keeps the last
    // evaluated key at the last item returned, so the cursor never skips one.
    for (let round = 0; round < 10 && items.length < query.limit; round++) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...flagQuery(query.flag, query),
          ScanIndexForward: false,
          Limit: query.limit - items.length,
          ...definedFields({ ExclusiveStartKey: startKey }),
        }),
      );
      for (const item of page.Items ?? []) items.push(stripKeys<CandidateFlag>(item, STORAGE_KEYS));
      startKey = page.LastEvaluatedKey;
      if (startKey === undefined) break;
    }
    return { items, ...(startKey === undefined ? {} : { cursor: encodeCursor(startKey) }) };
  }

  async count(flag: FlagName, filter: FlagFilter): Promise<number> {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...flagQuery(flag, filter),
          Select: 'COUNT',
          ...definedFields({ ExclusiveStartKey: startKey }),
        }),
      );
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return total;
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

/** The `byFlag` query for one flag and filter: the time bounds are a key condition, the job a filter. */
function flagQuery(
  flag: FlagName,
  filter: FlagFilter,
): Pick<
  QueryCommandInput,
  'IndexName' | 'KeyConditionExpression' | 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
> {
  const values: Record<string, unknown> = { ':flagKey': `FLAG#${flag}` };
  let range = '';
  if (filter.from !== undefined && filter.to !== undefined) {
    range = ' AND flagAt BETWEEN :from AND :to';
    values[':from'] = filter.from;
    values[':to'] = filter.to;
  } else if (filter.from !== undefined) {
    range = ' AND flagAt >= :from';
    values[':from'] = filter.from;
  } else if (filter.to !== undefined) {
    range = ' AND flagAt <= :to';
    values[':to'] = filter.to;
  }
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  if (filter.jobId !== undefined) {
    values[':jobId'] = filter.jobId;
    conditions.push('#job.#id = :jobId');
    Object.assign(names, { '#job': 'job', '#id': 'id' });
  }
  if (filter.job !== undefined) {
    // A title as typed: DynamoDB compares case-sensitively, so `contains` on the title as the ATS wrote it.
    values[':job'] = filter.job;
    conditions.push('(#job.#id = :job OR contains(#job.#title, :job))');
    Object.assign(names, { '#job': 'job', '#id': 'id', '#title': 'title' });
  }
  return {
    IndexName: 'byFlag',
    KeyConditionExpression: `flagKey = :flagKey${range}`,
    ...(conditions.length === 0 ? {} : { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names }),
    ExpressionAttributeValues: values,
  };
}

/** A `byFlag` position of this flag's list, and nothing else (a cursor is client input). */
function isFlagCursor(flag: FlagName) {
  return (key: Record<string, unknown>): boolean =>
    Object.keys(key).length === 4 &&
    key.flagKey === `FLAG#${flag}` &&
    typeof key.flagAt === 'string' &&
    typeof key.pk === 'string' &&
    key.pk.startsWith('CAND#') &&
    key.sk === `FLAG#${flag}`;
}

/** `historyOmitted` is written once a history was capped, and only then. */
function omittedSet(flag: Pick<CandidateFlag, 'historyOmitted'>): string {
  return flag.historyOmitted === undefined ? '' : ', historyOmitted = :omitted';
}

function omittedValue(flag: Pick<CandidateFlag, 'historyOmitted'>): Record<string, number> {
  return flag.historyOmitted === undefined ? {} : { ':omitted': flag.historyOmitted };
}
