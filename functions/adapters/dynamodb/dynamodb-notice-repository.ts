import { createHash } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Notice, NoticeEvent, NoticeReplySummary } from '#core/domain/notice.ts';
import type {
  CreateOutcome,
  DueNotice,
  NoticePatch,
  NoticeRepository,
  NoticeTransition,
  OwnerChange,
  TransitionAttempt,
} from '#core/ports/notice-repository.ts';
import { epochSeconds, isConditionalCheckFailed, refusedItem } from './document-client.ts';
import { encodeEvent, encodeNotice, noticeFromItem } from './notice-item.ts';
import { DUE_SHARDS, ownerKeyOf, periodKeys, statusKeyOf, TTL_ATTRIBUTE } from './table-definition.ts';

export function noticeKey(id: string): { pk: string; sk: string } {
  return { pk: `NOTICE#${id}`, sk: 'NOTICE' };
}

/** A stable shard per notice, so its index entry moves within one partition. */
export function dueShardOf(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return `DUE#${hash % DUE_SHARDS}`;
}

export class DynamoDbNoticeRepository implements NoticeRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(notice: Notice): Promise<CreateOutcome> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...encodeNotice(notice, epochSeconds(notice.retainUntil)),
            ...noticeKey(notice.id),
            entity: 'notice',
            candidateKey: `CAND#${notice.candidateId}`,
            timelineKey: `NOTICE#${notice.createdAt}#${notice.id}`,
            dueShard: dueShardOf(notice.id),
            dueAt: notice.sendAt,
            ...periodKeys(notice.decidedAt ?? notice.createdAt, 'N', notice.id),
            statusKey: statusKeyOf(notice.status),
            ownerKey: ownerKeyOf(notice.recruiter?.email),
            [TTL_ATTRIBUTE]: epochSeconds(notice.retainUntil),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true };
    } catch (e: unknown) {
      if (!isConditionalCheckFailed(e)) throw e;
      const existing = await this.get(notice.id);
      if (existing === undefined)
        throw new Error(`Notice ${notice.id} exists but could not be read back`, { cause: e });
      return { created: false, existing };
    }
  }

  async get(id: string, options: { readonly consistent?: boolean } = {}): Promise<Notice | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: noticeKey(id), ConsistentRead: options.consistent ?? true }),
    );
    return Item === undefined ? undefined : noticeFromItem(Item);
  }

  async findDue(now: Date, limit: number): Promise<DueNotice[]> {
    const until = now.toISOString();
    const pages = await Promise.all(
      Array.from({ length: DUE_SHARDS }, (_, shard) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'byDue',
            KeyConditionExpression: 'dueShard = :shard AND dueAt <= :until',
            ExpressionAttributeValues: { ':shard': `DUE#${shard}`, ':until': until },
            Limit: limit,
          }),
        ),
      ),
    );
    const due: DueNotice[] = [];
    for (const page of pages) {
      for (const item of page.Items ?? []) {
        const pk = String(item.pk);
        due.push({ id: pk.slice('NOTICE#'.length), dueAt: String(item.dueAt) });
      }
    }
    due.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    return due.slice(0, limit);
  }

  async leaseDue(id: string, expectedDueAt: string, until: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKey(id),
          UpdateExpression: 'SET dueAt = :until',
          ConditionExpression: 'dueAt = :expected',
          ExpressionAttributeValues: { ':until': until.toISOString(), ':expected': expectedDueAt },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return false;
      throw e;
    }
  }

  async transition(id: string, t: NoticeTransition): Promise<Notice | undefined> {
    try {
      const { Attributes } = await this.client.send(transitionCommand(this.tableName, id, t));
      return Attributes === undefined ? undefined : noticeFromItem(Attributes);
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  /**
   * One write when the move succeeds, and the refused item with the refusal (`ALL_OLD`), so a claim needs no read
   * first. DynamoDB returns that item; dynalite ignores the parameter, and then the notice is read consistently.
   */
  async tryTransition(id: string, t: NoticeTransition): Promise<TransitionAttempt> {
    try {
      const { Attributes } = await this.client.send(
        transitionCommand(this.tableName, id, t, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
      );
      if (Attributes === undefined) throw new Error(`Notice ${id} moved but DynamoDB returned no attributes`);
      return { moved: true, notice: noticeFromItem(Attributes) };
    } catch (e: unknown) {
      if (!isConditionalCheckFailed(e)) throw e;
      const item = refusedItem(e);
      if (item !== undefined) return { moved: false, current: noticeFromItem(item), readBack: false };
      // No item with the refusal: the notice does not exist (DynamoDB), or the store cannot say (dynalite).
      return { moved: false, current: await this.get(id), readBack: true };
    }
  }

  async changeOwner(id: string, change: OwnerChange): Promise<Notice | undefined> {
    const unchanged =
      change.expectedChangedAt === undefined ? 'attribute_not_exists(ownerChangedAt)' : 'ownerChangedAt = :expected';
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKey(id),
          UpdateExpression:
            'SET recruiter = :owner, ownerKey = :ownerKey, ownerChangedAt = :at, history = list_append(history, :entry) REMOVE updatedAt',
          ConditionExpression: `attribute_exists(pk) AND #status = :status AND ${unchanged}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':owner': change.owner,
            ':ownerKey': ownerKeyOf(change.owner.email),
            ':at': change.event.at,
            ':entry': [encodeEvent(change.event)],
            ':status': change.expectedStatus,
            ...(change.expectedChangedAt === undefined ? {} : { ':expected': change.expectedChangedAt }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes === undefined ? undefined : noticeFromItem(Attributes);
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  async noteFirstReply(id: string, reply: NoticeReplySummary): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKey(id),
          UpdateExpression: 'SET firstReply = :reply',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(firstReply)',
          ExpressionAttributeValues: { ':reply': reply },
        }),
      );
    } catch (e: unknown) {
      // Already noted (a later reply, or a retry), or the notice is gone (erased, expired): nothing to do.
      if (!isConditionalCheckFailed(e)) throw e;
    }
  }

  async appendEvent(id: string, event: NoticeEvent): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: noticeKey(id),
        // The entry's instant is the notice's `updatedAt` from now on (notice-item.ts).
        UpdateExpression: 'SET history = list_append(history, :entry) REMOVE updatedAt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':entry': [encodeEvent(event)] },
      }),
    );
  }
}

function transitionCommand(
  tableName: string,
  id: string,
  t: NoticeTransition,
  extra: { readonly ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' } = {},
): UpdateCommand {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {
    ':to': t.to,
    // Setting it to the value it holds writes no index: only a move between partitions does (table-definition.ts).
    ':statusKey': statusKeyOf(t.to),
    ':entry': [encodeEvent({ ...t.event, status: t.to } satisfies NoticeEvent)],
  };
  const set = ['#status = :to', 'statusKey = :statusKey', 'history = list_append(history, :entry)'];
  // The entry's instant is the notice's `updatedAt` from now on (notice-item.ts).
  const remove: string[] = ['updatedAt'];
  const add: string[] = [];

  const allowed = t.from.map((status, i) => {
    values[`:from${i}`] = status;
    return `:from${i}`;
  });
  const conditions = ['attribute_exists(pk)', `#status IN (${allowed.join(', ')})`];
  if (t.leaseExpiredBefore !== undefined) {
    conditions.push('leaseUntil <= :leaseBefore');
    values[':leaseBefore'] = t.leaseExpiredBefore;
  }
  if (t.attemptsEquals !== undefined) {
    conditions.push('attempts = :attemptsEquals');
    values[':attemptsEquals'] = t.attemptsEquals;
  }
  if (t.cancelRequested !== undefined) {
    conditions.push(
      t.cancelRequested ? 'attribute_exists(cancelRequestedAt)' : 'attribute_not_exists(cancelRequestedAt)',
    );
  }
  if (t.onceKey !== undefined) {
    // Items written before the digest hold the key itself: a report replayed on one of them is refused too.
    conditions.push('NOT contains(trackedEvents, :onceKey)', 'NOT contains(trackedEvents, :onceKeyPlain)');
    values[':onceKey'] = onceKeyDigest(t.onceKey);
    values[':onceKeyPlain'] = t.onceKey;
    add.push('trackedEvents :onceKeys');
    values[':onceKeys'] = new Set([onceKeyDigest(t.onceKey)]);
  }

  if (t.dueAt === null) remove.push('dueShard', 'dueAt');
  else if (t.dueAt !== undefined) {
    set.push('dueShard = :dueShard', 'dueAt = :dueAt');
    values[':dueShard'] = dueShardOf(id);
    values[':dueAt'] = t.dueAt;
  }
  if (t.to === 'delivered') {
    // The first delivery report's time, for the median time from decision to delivered (`GET /stats`).
    set.push('deliveredAt = if_not_exists(deliveredAt, :at)');
    values[':at'] = t.event.at;
  }
  if (t.incrementAttempts) {
    add.push('attempts :one');
    values[':one'] = 1;
  }
  patchClauses(t.patch ?? {}, { set, remove, names, values });

  const expression = [
    `SET ${set.join(', ')}`,
    remove.length > 0 ? `REMOVE ${remove.join(', ')}` : '',
    add.length > 0 ? `ADD ${add.join(', ')}` : '',
  ].join(' ');
  return new UpdateCommand({
    TableName: tableName,
    Key: noticeKey(id),
    UpdateExpression: expression,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
    ...extra,
  });
}

/**
 * What `trackedEvents` stores for a report's key: 96 bits of its SHA-256, 16 characters. The key repeats the
 * 60-character SES message id, and those bytes were what pushed the `delivered` write over 1 KB (2 write units)
 * once the listing keys were added (docs/operations.md). Only ever compared for equality within one notice.
 */
export function onceKeyDigest(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

/** The SET and REMOVE clauses of a transition's patch, added to the expression being built. */
function patchClauses(
  patch: NoticePatch,
  into: { set: string[]; remove: string[]; names: Record<string, string>; values: Record<string, unknown> },
): void {
  for (const [field, value] of Object.entries(patch) as [keyof NoticePatch, unknown][]) {
    if (value === undefined) continue;
    if (field === 'candidateEmail') {
      into.set.push('candidate.email = :candidateEmail');
      into.values[':candidateEmail'] = value;
      continue;
    }
    into.names[`#${field}`] = field;
    if (value === null) into.remove.push(`#${field}`);
    else {
      into.set.push(`#${field} = :${field}`);
      into.values[`:${field}`] = value;
    }
  }
}
