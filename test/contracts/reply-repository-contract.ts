import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/domain/errors.ts';
import type { Reply } from '#core/domain/reply.ts';
import type { ReplyRepository } from '#core/ports/reply-repository.ts';

let counter = 0;
export function aReply(over: Partial<Reply> = {}): Reply {
  counter++;
  return {
    id: `r_${String(counter).padStart(26, 'a')}`,
    status: 'classified',
    receivedAt: `2026-11-20T10:00:${String(counter % 60).padStart(2, '0')}.000Z`,
    correlation: { method: 'token', noticeId: 'n_1', candidateId: 'c_000000000000000000000001' },
    from: 'ada@example.com',
    subject: 'Re: Your application',
    text: 'Thank you!',
    flags: [],
    notes: [],
    sizeBytes: 1234,
    raw: { store: 'local', key: `inbound/${counter}` },
    retainUntil: '2027-11-20T10:00:00.000Z',
    ...over,
  };
}

/** What every ReplyRepository must do: the in-memory fake and the DynamoDB adapter both run this. */
export function replyRepositoryContract(name: string, make: () => ReplyRepository): void {
  describe(`${name}: the reply repository contract`, () => {
    it('records a reply once and hands back the first on a second create', async () => {
      const repo = make();
      const reply = aReply();

      const first = await repo.create(reply);
      const second = await repo.create({ ...reply, text: 'changed' });

      expect(first).toEqual({ created: true });
      expect(second).toEqual({ created: false, existing: reply });
      expect(await repo.get(reply.id)).toEqual(reply);
    });

    it('links or dismisses an unmatched reply once, and takes it off the unmatched list (issue 15)', async () => {
      const repo = make();
      const unmatched = { method: 'none' as const, reason: 'Unmatched: …' };
      const toLink = aReply({ correlation: unmatched, receivedAt: '2031-01-01T00:00:00.000Z' });
      const toDismiss = aReply({ correlation: unmatched, receivedAt: '2031-01-01T00:00:01.000Z' });
      const matched = aReply();
      for (const r of [toLink, toDismiss, matched]) await repo.create(r);
      const linked = {
        ...toLink,
        correlation: { method: 'linked' as const, noticeId: 'n_1', candidateId: 'c_000000000000000000000009' },
        resolution: { action: 'linked' as const, at: '2031-01-02T00:00:00.000Z', by: 'sub-r' },
      };
      const dismissal = { action: 'dismissed' as const, at: '2031-01-02T00:00:00.000Z', by: 'sub-r' };

      const results = [
        await repo.link(linked),
        await repo.link(linked),
        await repo.dismiss(toDismiss.id, dismissal),
        await repo.dismiss(toDismiss.id, dismissal),
        await repo.dismiss(toLink.id, dismissal),
        await repo.link({ ...matched, resolution: linked.resolution }),
      ];

      expect(results).toEqual([true, false, true, false, false, false]);
      expect(await repo.get(toLink.id)).toEqual(linked);
      expect((await repo.get(toDismiss.id))?.resolution).toEqual(dismissal);
      const listed = (await repo.listUnmatched({ limit: 100 })).items.map((r) => r.id);
      expect(listed).not.toContain(toLink.id);
      expect(listed).not.toContain(toDismiss.id);
    });

    it('marks a reply processed with the flags it raised', async () => {
      const repo = make();
      const reply = aReply();
      await repo.create(reply);

      await repo.markProcessed(reply.id, '2026-11-20T10:01:00.000Z', ['warm']);

      expect(await repo.get(reply.id)).toEqual({ ...reply, processedAt: '2026-11-20T10:01:00.000Z', flags: ['warm'] });
    });

    it('lists replies without a candidate, newest first', async () => {
      const repo = make();
      const older = aReply({
        correlation: { method: 'none', reason: 'Unmatched' },
        receivedAt: '2026-11-25T00:00:00.000Z',
      });
      const newer = aReply({
        correlation: { method: 'none', reason: 'Unmatched' },
        receivedAt: '2026-11-26T00:00:00.000Z',
      });
      await repo.create(older);
      await repo.create(aReply());
      await repo.create(newer);

      const listed = await repo.listUnmatched({ limit: 2 });

      expect(listed.items.map((r) => r.id)).toEqual([newer.id, older.id]);
    });

    it('pages through the unmatched replies with a cursor, none skipped or repeated, and refuses a forged one', async () => {
      const repo = make();
      // Later than anything else a shared table may hold, so these five are the newest.
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const reply = aReply({
          correlation: { method: 'none', reason: 'Unmatched' },
          receivedAt: `2099-01-0${i + 1}T00:00:00.000Z`,
        });
        ids.unshift(reply.id);
        await repo.create(reply);
      }

      const first = await repo.listUnmatched({ limit: 2 });
      const second = await repo.listUnmatched({ limit: 2, ...(first.cursor ? { cursor: first.cursor } : {}) });
      const third = await repo.listUnmatched({ limit: 1, ...(second.cursor ? { cursor: second.cursor } : {}) });

      expect(first.cursor).toBeDefined();
      expect(second.cursor).toBeDefined();
      expect([...first.items, ...second.items, ...third.items].map((r) => r.id)).toEqual(ids);
      await expect(repo.listUnmatched({ limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.listUnmatched({ limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({
        issues: [{ field: 'cursor' }],
      });
    });
  });
}
