/**
 * `npm run backfill:notice-indexes -- --table <name>`: once, after a deploy added the `byStatus` and `byOwner`
 * indexes to a table that already held notices (docs/deploy.md, Upgrading), gives those notices the keys the
 * indexes read, so `GET /notices` lists them by status and owner. Uses the AWS credentials and region of the
 * environment; safe to run again (it changes only notices still missing a key).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillListingKeys } from '#adapters/dynamodb/notice-index-backfill.ts';

const { values } = parseArgs({ options: { table: { type: 'string' } }, strict: true });
const tableName = values.table ?? process.env.CLOSELOOP_TABLE_NAME;
if (tableName === undefined || tableName === '') {
  process.stderr.write('backfill-notice-indexes: pass --table <name> (or set CLOSELOOP_TABLE_NAME)\n');
  process.exit(1);
}
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const updated = await backfillListingKeys(documents, tableName);
process.stdout.write(`${updated} notices given their listing keys in ${tableName}\n`);
documents.destroy();
