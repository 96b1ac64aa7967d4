import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NoticeReplySummary, NoticeStatus } from '#core/domain/notice.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { ReasonCategory, Stage } from '#core/domain/reason-and-stage.ts';
import type { AtsStatus } from '#core/ports/decision-repository.ts';
import type { DecisionFact, LoopRecordSource, NoticeFact, PeriodFacts } from '#core/ports/loop-record-source.ts';

/** `YYYY-MM` of every month that [from, to] touches. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    months.push(current);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

const optional = <T>(value: unknown, key: string): Record<string, T> =>
  value === undefined ? {} : ({ [key]: value } as Record<string, T>);

/**
 * Reads the `byPeriod` index: one partition per month of the decision, sorted by decision time, holding only
 * the attributes the record counts (an INCLUDE projection: no names, addresses or reply text). A period is one
 * query per month it touches, run in parallel, each paged to the end.
 */
export class DynamoDbLoopRecordSource implements LoopRecordSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async between(from: string, to: string): Promise<PeriodFacts> {
    const pages = await Promise.all(monthsBetween(from, to).map((month) => this.month(month, from, to)));
    const decisions: DecisionFact[] = [];
    const notices: NoticeFact[] = [];
    for (const item of pages.flat()) {
      const decidedAt = String(item.periodAt).split('#')[0] ?? '';
      const pk = String(item.pk);
      if (item.entity === 'decision') {
        decisions.push({
          key: pk.slice('DECISION#'.length),
          decidedAt,
          ...optional<string>(item.noticeId, 'noticeId'),
          ...optional<AtsStatus>(item.atsStatus, 'atsStatus'),
        });
      } else if (item.entity === 'notice') {
        notices.push({
          id: pk.slice('NOTICE#'.length),
          decidedAt,
          status: item.status as NoticeStatus,
          templateId: String(item.templateId),
          reason: item.reason as ReasonCategory,
          stage: item.stage as Stage,
          ...optional<string>(item.deliveredAt, 'deliveredAt'),
          ...optional<NoticeReplySummary>(item.firstReply, 'firstReply'),
        });
      }
    }
    return { decisions, notices };
  }

  private async month(month: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byPeriod',
          KeyConditionExpression: 'periodKey = :month AND periodAt BETWEEN :from AND :to',
          // `periodAt` is `<decision time>#<kind>#<id>`: this upper bound takes every item of the last instant.
          ExpressionAttributeValues: { ':month': `PERIOD#${month}`, ':from': from, ':to': `${to}\uffff` },
          ...definedFields({ ExclusiveStartKey: startKey }),
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }
}
