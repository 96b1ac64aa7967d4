import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { definedFields } from '#core/domain/optional.ts';
import { OPEN_RELAY_STATUSES, type Relay, type RelayHistoryEntry } from '#core/domain/relay.ts';
import type {
  RecruiterToken,
  RelayCreateOutcome,
  RelayRepository,
  RelayTransition,
  WindowCount,
} from '#core/ports/relay-repository.ts';
import { batchGetItems, tableKeysOf } from './batch-get.ts';
import { epochSeconds, isConditionalCheckFailed, stripKeys } from './document-client.ts';
import { noticeKey } from './dynamodb-notice-repository.ts';
import { putIfAbsent } from './put-if-absent.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

const STORAGE_KEYS = ['pk', 'sk', 'entity', 'candidateKey', 'timelineKey', 'dueShard', 'dueAt', TTL_ATTRIBUTE] as const;

/** The `byDue` partition of open relays (notices use `DUE#<n>`, so neither sweep sees the other's items). */
export const RELAY_DUE_PARTITION = 'RELAYDUE';

const HOUR_MS = 60 * 60 * 1000;

export function relayItemKey(id: string): { pk: string; sk: string } {
  return { pk: `RELAY#${id}`, sk: 'RELAY' };
}

/** One item per thread (notice): its recruiter token, minted once, and its hourly relay window. */
export function threadItemKey(noticeId: string): { pk: string; sk: string } {
  return { pk: `THREAD#${noticeId}`, sk: 'THREAD' };
}

/** Maps the recruiter side address `recruiter+<token>@` to its notice. */
export function recruiterTokenItemKey(token: string): { pk: string; sk: string } {
  return { pk: `RTOKEN#${token}`, sk: 'RTOKEN' };
}

/** The `timelineKey` prefixes of the relay items on `byCandidate`: the index keys alone tell them apart. */
export const RELAY_TIMELINE_PREFIX = 'RELAY#';
export const THREAD_TIMELINE_PREFIX = 'THREAD#';
export const RECRUITER_TOKEN_TIMELINE_PREFIX = 'RTOKEN#';

/**
 * Relays on the one table (docs/conversations.md). Every write is a conditional single-item write; the items
 * carry the candidate's `byCandidate` keys and the retention TTL:
 *   RELAY#<id> / RELAY         a relay and its history; while open also `byDue` (`RELAYDUE` / its due time)
 *   THREAD#<noticeId> / THREAD the thread's recruiter token (first writer wins) and hourly window
 *   RTOKEN#<token> / RTOKEN    the recruiter side address → its notice
 */
export class DynamoDbRelayRepository implements RelayRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(relay: Relay): Promise<RelayCreateOutcome> {
    return putIfAbsent(this.client, {
      tableName: this.tableName,
      item: {
        ...relay,
        ...relayItemKey(relay.id),
        entity: 'relay',
        candidateKey: `CAND#${relay.candidateId}`,
        timelineKey: `${RELAY_TIMELINE_PREFIX}${relay.createdAt}#${relay.id}`,
        ...dueKeysOf(relay),
        [TTL_ATTRIBUTE]: epochSeconds(relay.retainUntil),
      },
      what: `Relay ${relay.id}`,
      readBack: () => this.get(relay.id),
    });
  }

  async get(id: string): Promise<Relay | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: relayItemKey(id), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<Relay>(Item, STORAGE_KEYS);
  }

  async delete(id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: relayItemKey(id) }));
  }

  async transition(id: string, t: RelayTransition): Promise<Relay | undefined> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':to': t.to,
      ':at': t.at,
      ':entry': [{ at: t.at, status: t.to, detail: t.detail } satisfies RelayHistoryEntry],
    };
    const set = ['#status = :to', 'updatedAt = :at', 'history = list_append(history, :entry)'];
    const allowed = t.from.map((status, i) => {
      values[`:from${i}`] = status;
      return `:from${i}`;
    });
    const conditions = ['attribute_exists(pk)', `#status IN (${allowed.join(', ')})`];
    if (t.leaseExpiredBefore !== undefined) {
      // Only a `sending` relay holds a lease; a pending or deferred one in `from` is claimable as it is.
      conditions.push('(#status <> :sending OR leaseUntil <= :leaseBefore)');
      values[':sending'] = 'sending';
      values[':leaseBefore'] = t.leaseExpiredBefore;
    }
    if (t.expectedAttempts !== undefined) {
      conditions.push('attempts = :expectedAttempts');
      values[':expectedAttempts'] = t.expectedAttempts;
    }
    for (const [field, value] of Object.entries(t.set ?? {})) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      set.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
    const due = dueExpression(t);
    if (due !== undefined) {
      set.push('dueShard = :dueShard', `dueAt = ${due.operand}`);
      values[':dueShard'] = RELAY_DUE_PARTITION;
      Object.assign(values, due.values);
    }
    const expression = `SET ${set.join(', ')}${due === undefined ? ' REMOVE dueShard, dueAt' : ''}`;
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: relayItemKey(id),
          UpdateExpression: expression,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes === undefined ? undefined : stripKeys<Relay>(Attributes, STORAGE_KEYS);
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  /**
   * A thread's relays without a scan or another index: the notice names the candidate, the candidate's
   * `byCandidate` partition holds few items, so its `RELAY#` keys are queried (the index holds keys only) and the
   * relays read with BatchGetItem, then kept if they belong to this notice. The index is eventually consistent:
   * a relay written a moment ago may be missing.
   */
  async listByNotice(noticeId: string): Promise<Relay[]> {
    const { Item } = await this.client.send(
      // The notice item holds its candidate in `candidateKey` only (notice-item.ts).
      new GetCommand({ TableName: this.tableName, Key: noticeKey(noticeId), ProjectionExpression: 'candidateKey' }),
    );
    if (typeof Item?.candidateKey !== 'string') return [];
    const keys: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byCandidate',
          KeyConditionExpression: 'candidateKey = :candidate AND begins_with(timelineKey, :prefix)',
          ExpressionAttributeValues: { ':candidate': Item.candidateKey, ':prefix': RELAY_TIMELINE_PREFIX },
          ...definedFields({ ExclusiveStartKey: startKey }),
        }),
      );
      keys.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    const items = await batchGetItems(this.client, this.tableName, tableKeysOf(keys));
    return items
      .map((item) => stripKeys<Relay>(item, STORAGE_KEYS))
      .filter((relay) => relay.noticeId === noticeId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** `byDue` projects keys only: each listed relay is read again, and kept only if it is still open and due. */
  async findDue(now: Date, limit: number): Promise<Relay[]> {
    const until = now.toISOString();
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'dueShard = :shard AND dueAt <= :until',
        ExpressionAttributeValues: { ':shard': RELAY_DUE_PARTITION, ':until': until },
        Limit: limit,
      }),
    );
    const ids = (Items ?? []).map((item) => String(item.pk).slice('RELAY#'.length));
    const relays = await Promise.all(ids.map((id) => this.get(id)));
    return relays.filter(
      (r): r is Relay => r !== undefined && OPEN_RELAY_STATUSES.includes(r.status) && (dueAtOf(r) ?? '') <= until,
    );
  }

  /**
   * The thread item keeps the first token written (`if_not_exists`); every caller then writes the `RTOKEN` item
   * of that winner, so a caller that died between the two writes is repaired by the next. The token lives as
   * long as the latest relay that asked for it (its `retainUntil`).
   */
  async recruiterTokenFor(noticeId: string, candidateId: string, mint: RecruiterToken): Promise<RecruiterToken> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: threadItemKey(noticeId),
        UpdateExpression:
          'SET entity = :entity, candidateKey = :candidate, timelineKey = :timeline, noticeId = :notice, ' +
          'candidateId = :candidateId, recruiterToken = if_not_exists(recruiterToken, :token), ' +
          'tokenCreatedAt = if_not_exists(tokenCreatedAt, :createdAt), retainUntil = :retain, #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ...this.threadValues(noticeId, candidateId),
          ':token': mint.token,
          ':createdAt': mint.createdAt,
          ':retain': mint.retainUntil,
          ':ttl': epochSeconds(mint.retainUntil),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const token: RecruiterToken = {
      token: String(Attributes?.recruiterToken ?? mint.token),
      noticeId,
      candidateId,
      createdAt: String(Attributes?.tokenCreatedAt ?? mint.createdAt),
      retainUntil: mint.retainUntil,
    };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...token,
          ...recruiterTokenItemKey(token.token),
          entity: 'recruiter-token',
          candidateKey: `CAND#${candidateId}`,
          timelineKey: `${RECRUITER_TOKEN_TIMELINE_PREFIX}${token.token}`,
          [TTL_ATTRIBUTE]: epochSeconds(token.retainUntil),
        },
      }),
    );
    return token;
  }

  async byRecruiterToken(token: string): Promise<RecruiterToken | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: recruiterTokenItemKey(token), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : stripKeys<RecruiterToken>(Item, STORAGE_KEYS);
  }

  /**
   * At most three conditional updates of the thread item: count within the current window; else start a new
   * window if the last one is over an hour old; else (a racing caller just started the window) count once more.
   * The window keeps the ids it counted (`counted`, a string set): a relay already in it is counted again for
   * free, so a retry after a crash between counting and creating does not spend the cap twice. A refusal of the
   * last try means the window is current and full; one consistent read then names its start. A thread that has no
   * token yet expires with its window (the token's write sets the retention TTL).
   */
  async countInWindow(
    noticeId: string,
    candidateId: string,
    at: Date,
    cap: number,
    relayId: string,
  ): Promise<WindowCount> {
    if (cap < 1) return { counted: false, windowStart: at.toISOString() };
    const values = {
      ...this.threadValues(noticeId, candidateId),
      ':hourAgo': new Date(at.getTime() - HOUR_MS).toISOString(),
      ':ttl': epochSeconds(new Date(at.getTime() + HOUR_MS).toISOString()),
      ':ids': new Set([relayId]),
    };
    const keys =
      'entity = :entity, candidateKey = :candidate, timelineKey = :timeline, noticeId = :notice, ' +
      'candidateId = :candidateId, #ttl = if_not_exists(#ttl, :ttl)';
    const countOne = () =>
      this.conditionalUpdate(noticeId, {
        UpdateExpression: `SET ${keys} ADD counted :ids`,
        // A window written before `counted` existed (it kept `windowCount`) starts its set here.
        ConditionExpression:
          'windowStart > :hourAgo AND (attribute_not_exists(counted) OR contains(counted, :id) OR size(counted) < :cap)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ...values, ':id': relayId, ':cap': cap },
      });
    const startWindow = () =>
      this.conditionalUpdate(noticeId, {
        UpdateExpression: `SET ${keys}, windowStart = :now, counted = :ids REMOVE windowCount`,
        ConditionExpression: 'attribute_not_exists(windowStart) OR windowStart <= :hourAgo',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ...values, ':now': at.toISOString() },
      });
    const windowStart = (await countOne()) ?? (await startWindow()) ?? (await countOne());
    if (windowStart !== undefined) return { counted: true, windowStart };
    return { counted: false, windowStart: (await this.windowStartOf(noticeId)) ?? at.toISOString() };
  }

  async note(id: string, entry: RelayHistoryEntry): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: relayItemKey(id),
        UpdateExpression: 'SET history = list_append(history, :entry)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':entry': [entry] },
      }),
    );
  }

  private threadValues(noticeId: string, candidateId: string): Record<string, string> {
    return {
      ':entity': 'thread',
      ':candidate': `CAND#${candidateId}`,
      ':timeline': `${THREAD_TIMELINE_PREFIX}${noticeId}`,
      ':notice': noticeId,
      ':candidateId': candidateId,
    };
  }

  /** The thread's `windowStart` after the update; undefined when its condition failed. */
  private async conditionalUpdate(
    noticeId: string,
    input: {
      UpdateExpression: string;
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    },
  ): Promise<string | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: threadItemKey(noticeId),
          ...input,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return String(Attributes?.windowStart);
    } catch (e: unknown) {
      if (isConditionalCheckFailed(e)) return undefined;
      throw e;
    }
  }

  private async windowStartOf(noticeId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: threadItemKey(noticeId),
        ProjectionExpression: 'windowStart',
        ConsistentRead: true,
      }),
    );
    return typeof Item?.windowStart === 'string' ? Item.windowStart : undefined;
  }
}

/** When an open relay is due: deferred at `nextAttemptAt`, sending when its lease ends, pending at once. */
function dueAtOf(relay: Relay): string | undefined {
  switch (relay.status) {
    case 'pending':
      return relay.createdAt;
    case 'deferred':
      return relay.nextAttemptAt ?? relay.updatedAt;
    case 'sending':
      return relay.leaseUntil ?? relay.updatedAt;
    default:
      return undefined;
  }
}

function dueKeysOf(relay: Relay): { dueShard?: string; dueAt?: string } {
  const dueAt = dueAtOf(relay);
  return dueAt === undefined ? {} : { dueShard: RELAY_DUE_PARTITION, dueAt };
}

/**
 * The due time a transition leaves, as an update operand: the value it sets, else the one the item holds
 * (`if_not_exists` reads the item as it was before the update), else the transition's time. Undefined when the
 * relay leaves the open statuses (its due keys are removed).
 */
function dueExpression(t: RelayTransition): { operand: string; values: Record<string, unknown> } | undefined {
  switch (t.to) {
    case 'pending':
      return { operand: 'createdAt', values: {} };
    case 'deferred':
      return t.set?.nextAttemptAt === undefined
        ? { operand: 'if_not_exists(nextAttemptAt, :at)', values: {} }
        : { operand: ':dueAt', values: { ':dueAt': t.set.nextAttemptAt } };
    case 'sending':
      return t.set?.leaseUntil === undefined
        ? { operand: 'if_not_exists(leaseUntil, :at)', values: {} }
        : { operand: ':dueAt', values: { ':dueAt': t.set.leaseUntil } };
    default:
      return undefined;
  }
}
