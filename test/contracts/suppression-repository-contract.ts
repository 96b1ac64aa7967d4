import { describe, expect, it } from 'vitest';
import { emailDigest } from '#core/domain/email-address.ts';
import { ValidationError } from '#core/domain/errors.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { Suppression, SuppressionRepository } from '#core/ports/suppression-repository.ts';

const digest = (n: number) => emailDigest(`person-${n}@example.com`);
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();

/**
 * What every SuppressionRepository must do: the in-memory fake (unit) and the DynamoDB adapter on dynalite
 * (integration) both run this. `make` returns an empty repository: the list spans the whole table.
 */
export function suppressionRepositoryContract(name: string, make: () => Promise<SuppressionRepository>): void {
  describe(`${name}: the suppression repository contract`, () => {
    it('keeps the first reason an address was suppressed for, and says which is in force', async () => {
      const repo = await make();
      const first: Suppression = { emailDigest: digest(1), reason: 'hard-bounce', at: at(0), origin: 'notice:n_1' };

      const added = await repo.add(first);
      const again = await repo.add({ emailDigest: digest(1), reason: 'recruiter-request', at: at(5), note: 'asked' });

      expect(added).toEqual({ added: true, suppression: first });
      expect(again).toEqual({ added: false, suppression: first });
      expect(await repo.find(digest(1))).toEqual(first);
      expect(await repo.find(digest(2))).toBeUndefined();
    });

    it("lets an erasure replace any other reason, the recruiter's note with it, and keeps the first erasure", async () => {
      const repo = await make();
      await repo.add({
        emailDigest: digest(1),
        reason: 'recruiter-request',
        at: at(0),
        origin: 'recruiter:sub-1',
        note: 'Asked by phone not to be contacted',
      });

      const erased = await repo.add({ emailDigest: digest(1), reason: 'erased', at: at(10), origin: 'erasure:c_1' });
      const repeat = await repo.add({ emailDigest: digest(1), reason: 'erased', at: at(20), origin: 'erasure:c_1' });

      expect(erased.added).toBe(true);
      expect(repeat.added).toBe(false);
      expect(await repo.find(digest(1))).toEqual({
        emailDigest: digest(1),
        reason: 'erased',
        at: at(10),
        origin: 'erasure:c_1',
      });
      expect((await repo.list({ limit: 10 })).items).toEqual([await repo.find(digest(1))]);
    });

    it('lists newest first, a page at a time, every suppression exactly once, also within one instant', async () => {
      const repo = await make();
      for (let n = 0; n < 7; n++) {
        await repo.add({
          emailDigest: digest(n),
          reason: n % 2 === 0 ? 'hard-bounce' : 'complaint',
          at: at(Math.min(n, 4)),
        });
      }

      const seen: Suppression[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.list({ limit: 3, ...definedFields({ cursor }) });
        seen.push(...page.items);
        cursor = page.cursor;
        pages += 1;
      } while (cursor !== undefined && pages < 10);

      expect(seen.map((s) => s.emailDigest).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map(digest).sort());
      expect(seen.map((s) => s.at)).toEqual([...seen.map((s) => s.at)].sort().reverse());
      expect(seen[seen.length - 1]?.emailDigest).toBe(digest(0));
    });

    it('lists one reason only when asked, and pages through it', async () => {
      const repo = await make();
      for (let n = 0; n < 6; n++) {
        await repo.add({ emailDigest: digest(n), reason: n < 2 ? 'recruiter-request' : 'hard-bounce', at: at(n) });
      }

      const first = await repo.list({ limit: 1, reason: 'recruiter-request' });
      const second = await repo.list({
        limit: 1,
        reason: 'recruiter-request',
        ...(first.cursor ? { cursor: first.cursor } : {}),
      });
      const rest =
        second.cursor === undefined
          ? []
          : (await repo.list({ limit: 5, reason: 'recruiter-request', cursor: second.cursor })).items;

      expect([...first.items, ...second.items, ...rest].map((s) => s.emailDigest)).toEqual([digest(1), digest(0)]);
    });

    it('refuses a cursor it did not hand out', async () => {
      const repo = await make();
      await repo.add({ emailDigest: digest(1), reason: 'complaint', at: at(0) });

      await expect(repo.list({ limit: 1, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(ValidationError);
    });

    it('lifts a suppression only while its reason is the one expected', async () => {
      const repo = await make();
      await repo.add({ emailDigest: digest(1), reason: 'recruiter-request', at: at(0) });
      await repo.add({ emailDigest: digest(2), reason: 'erased', at: at(1) });

      expect(await repo.remove(digest(2), 'recruiter-request')).toBe(false);
      expect(await repo.remove(digest(1), 'recruiter-request')).toBe(true);
      expect(await repo.remove(digest(1), 'recruiter-request')).toBe(false);
      expect(await repo.find(digest(1))).toBeUndefined();
      expect(await repo.find(digest(2))).toMatchObject({ reason: 'erased' });
      expect((await repo.list({ limit: 10 })).items.map((s) => s.emailDigest)).toEqual([digest(2)]);
    });
  });
}
