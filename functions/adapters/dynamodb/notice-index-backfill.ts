import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from './document-client.ts';
import { ownerKeyOf, statusKeyOf } from './table-definition.ts';

/**
 * Notices written before the `byStatus` and `byOwner` indexes carry neither `statusKey` nor `ownerKey`, so they are
 * in neither index and `GET /notices` with a status or an owner would miss them. These put the keys on them: once,
 * after the indexes are added (docs/deploy.md, Upgrading), and never again (every notice write since sets them).
 */

/** The local table's copy (`ensureTable`): a notice item, in DynamoDB's wire form, with its listing keys added. */
export function withListingKeys(item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const status = item.status?.S;
  if (item.entity?.S !== 'notice' || status === undefined) return item;
  return {
    ...item,
    statusKey: item.statusKey ?? { S: statusKeyOf(status) },
    ownerKey: item.ownerKey ?? { S: ownerKeyOf(item.recruiter?.M?.email?.S) },
  };
}

/**
 * An existing AWS table: one Scan for the notices missing a key (a one-off, as the indexes are added). A notice's
 * status key is set only if it has none and its status is still the one read (a status change since set it); its
 * owner key only if it has none (an owner change since set it). Returns how many it updated.
 */
export async function backfillListingKeys(documents: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let updated = 0;
  const pages = paginateScan(
    { client: documents },
    {
      TableName: tableName,
      FilterExpression: 'entity = :notice AND (attribute_not_exists(statusKey) OR attribute_not_exists(ownerKey))',
      ProjectionExpression: 'pk, sk, #status, recruiter',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':notice': 'notice' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const status = String(item.status);
      const recruiter = item.recruiter as { email?: unknown } | undefined;
      const email = typeof recruiter?.email === 'string' ? recruiter.email : undefined;
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression:
              'SET statusKey = if_not_exists(statusKey, :statusKey), ownerKey = if_not_exists(ownerKey, :ownerKey)',
            ConditionExpression: 'attribute_exists(statusKey) OR #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':statusKey': statusKeyOf(status),
              ':ownerKey': ownerKeyOf(email),
              ':status': status,
            },
          }),
        );
        updated += 1;
      } catch (e: unknown) {
        if (!isConditionalCheckFailed(e)) throw e;
      }
    }
  }
  return updated;
}
