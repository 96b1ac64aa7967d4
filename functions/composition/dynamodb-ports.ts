import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCandidateRecords } from '#adapters/dynamodb/dynamodb-candidate-records.ts';
import { DynamoDbDecisionRepository } from '#adapters/dynamodb/dynamodb-decision-repository.ts';
import { DynamoDbDeliveryLog } from '#adapters/dynamodb/dynamodb-delivery-log.ts';
import { DynamoDbErasureLog } from '#adapters/dynamodb/dynamodb-erasure-log.ts';
import { DynamoDbFlagRepository } from '#adapters/dynamodb/dynamodb-flag-repository.ts';
import { DynamoDbLoopRecordSource } from '#adapters/dynamodb/dynamodb-loop-record-source.ts';
import { DynamoDbNoticeListing } from '#adapters/dynamodb/dynamodb-notice-listing.ts';
import { DynamoDbNoticeLookup } from '#adapters/dynamodb/dynamodb-notice-lookup.ts';
import { DynamoDbNoticeRepository } from '#adapters/dynamodb/dynamodb-notice-repository.ts';
import { DynamoDbRelayRepository } from '#adapters/dynamodb/dynamodb-relay-repository.ts';
import { DynamoDbReplyRepository } from '#adapters/dynamodb/dynamodb-reply-repository.ts';
import { DynamoDbReputationLedger } from '#adapters/dynamodb/dynamodb-reputation-ledger.ts';
import { DynamoDbSendingControl } from '#adapters/dynamodb/dynamodb-sending-control.ts';
import { DynamoDbSuppressionRepository } from '#adapters/dynamodb/dynamodb-suppression-repository.ts';

/** The one table every repository lives in. */
export interface DynamoDbTable {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  /**
   * How long the sending switch is cached. A function that reads it per email (send, sweep) caches it for a
   * few seconds; a pause through the API then reaches it within that time. Default 0: read every time.
   */
  readonly sendingControlCacheMs?: number;
}

/*
 * One builder per DynamoDB port, each a top-level function so that a Lambda bundle keeps only the repositories
 * its entry calls (esbuild drops unused functions, not unused properties of an object): the send, sweep and
 * track functions call these, the HTTP API, the reply function and the local stack take `dynamoDbPorts`.
 */
export const decisionsIn = (t: DynamoDbTable) => new DynamoDbDecisionRepository(t.documents, t.tableName);
export const noticesIn = (t: DynamoDbTable) => new DynamoDbNoticeRepository(t.documents, t.tableName);
export const suppressionsIn = (t: DynamoDbTable) => new DynamoDbSuppressionRepository(t.documents, t.tableName);
export const controlIn = (t: DynamoDbTable) =>
  new DynamoDbSendingControl(t.documents, t.tableName, { cacheMs: t.sendingControlCacheMs ?? 0 });
export const ledgerIn = (t: DynamoDbTable) => new DynamoDbReputationLedger(t.documents, t.tableName);
export const deliveriesIn = (t: DynamoDbTable) => new DynamoDbDeliveryLog(t.documents, t.tableName);
export const repliesIn = (t: DynamoDbTable) => new DynamoDbReplyRepository(t.documents, t.tableName);
export const flagsIn = (t: DynamoDbTable) => new DynamoDbFlagRepository(t.documents, t.tableName);
export const erasuresIn = (t: DynamoDbTable) => new DynamoDbErasureLog(t.documents, t.tableName);
export const recordsIn = (t: DynamoDbTable) => new DynamoDbCandidateRecords(t.documents, t.tableName);
export const loopRecordIn = (t: DynamoDbTable) => new DynamoDbLoopRecordSource(t.documents, t.tableName);
export const relaysIn = (t: DynamoDbTable) => new DynamoDbRelayRepository(t.documents, t.tableName);
export const listingIn = (t: DynamoDbTable) => new DynamoDbNoticeListing(t.documents, t.tableName);
export const lookupIn = (t: DynamoDbTable, notices: DynamoDbNoticeRepository) =>
  new DynamoDbNoticeLookup(t.documents, t.tableName, notices);

/**
 * Every DynamoDB port, each built once: one instance per port shared by all the use cases of a host, so a
 * pause through the API reaches the sweep and the sends of the same process at once (one sending-control cache).
 * A new repository is added here and in its builder above.
 */
export function dynamoDbPorts(table: DynamoDbTable) {
  const notices = noticesIn(table);
  return {
    decisions: decisionsIn(table),
    notices,
    suppressions: suppressionsIn(table),
    control: controlIn(table),
    ledger: ledgerIn(table),
    deliveries: deliveriesIn(table),
    replies: repliesIn(table),
    flags: flagsIn(table),
    erasures: erasuresIn(table),
    records: recordsIn(table),
    loopRecord: loopRecordIn(table),
    lookup: lookupIn(table, notices),
    relays: relaysIn(table),
    listing: listingIn(table),
  };
}

export type DynamoDbPorts = ReturnType<typeof dynamoDbPorts>;
