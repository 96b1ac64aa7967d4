import { describe, expect, it } from 'vitest';
import type { Notice } from '#core/domain/notice.ts';
import { fixedClock } from '#core/ports/clock.ts';
import type { NoticeListing, NoticeListQuery } from '#core/ports/notice-listing.ts';
import { EXPORT_ROW_CAP, makeFindNotices } from '#core/use-cases/find-notices.ts';
import { aNotice } from '#test/contracts/notice-repository-contract.ts';

/** A listing of `total` notices in pages of `limit`, recording the queries it was given. */
function fakeListing(total: number) {
  const queries: NoticeListQuery[] = [];
  const notices = Array.from({ length: total }, () => aNotice());
  const listing: NoticeListing = {
    page: async (query, page) => {
      queries.push(query);
      const start = Number(page.cursor ?? 0);
      const end = Math.min(total, start + page.limit);
      return { notices: notices.slice(start, end), ...(end < total ? { nextCursor: String(end) } : {}) };
    },
    count: async () => {
      throw new Error('not used');
    },
  };
  return { listing, queries, notices };
}

const find = (listing: NoticeListing) =>
  makeFindNotices({
    listing,
    clock: fixedClock('2026-12-05T12:00:00Z'),
    defaultInbox: 'Recruiting@acme.example',
    retentionDays: 365,
  });

describe('finding notices', () => {
  it('exports every page of the view, in order', async () => {
    const { listing, notices } = fakeListing(450);
    const view = await find(listing).exportAll({});
    expect(view.notices.map((n: Notice) => n.id)).toEqual(notices.map((n) => n.id));
    expect(view.truncated).toBe(false);
  });

  it(`stops an export at ${EXPORT_ROW_CAP} rows and says the view had more`, async () => {
    const { listing } = fakeListing(EXPORT_ROW_CAP + 1);
    const view = await find(listing).exportAll({});
    expect(view.notices).toHaveLength(EXPORT_ROW_CAP);
    expect(view.truncated).toBe(true);
  });

  it("reads `me` as the caller's inbox, days as whole UTC days, and bounds the months a search walks", async () => {
    const { listing, queries } = fakeListing(0);
    await find(listing).page(
      { recruiter: 'ME', callerEmail: 'recruiting@acme.example', q: '  LoveLace ', decidedTo: '2026-11-30' },
      { limit: 10 },
    );
    expect(queries[0]).toEqual({
      filter: {
        owner: { email: 'recruiting@acme.example', includesDefault: true },
        text: 'lovelace',
        decidedTo: '2026-11-30T23:59:59.999Z',
      },
      defaultInbox: 'Recruiting@acme.example',
      window: { oldest: '2024-12-04T12:00:00.000Z', newest: '2026-11-30T23:59:59.999Z' },
    });
  });
});
