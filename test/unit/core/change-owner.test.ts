import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#core/domain/errors.ts';
import { ownerOf } from '#core/domain/owner.ts';
import { fixedClock } from '#core/ports/clock.ts';
import { silentLog } from '#core/ports/log.ts';
import type { NoticeRepository } from '#core/ports/notice-repository.ts';
import { describeOwner, makeChangeOwner } from '#core/use-cases/change-owner.ts';
import { aNotice } from '#test/contracts/notice-repository-contract.ts';
import { InMemoryNoticeRepository } from '#test/fakes/in-memory-notice-repository.ts';

const DEFAULT = 'recruiting@acme.example';

describe('ownerOf', () => {
  it('is the decision’s recruiter with an inbox, else the default inbox, and says which', () => {
    expect(ownerOf({ recruiter: { name: 'Rachel', email: 'rachel@acme.example' } }, DEFAULT)).toEqual({
      name: 'Rachel',
      email: 'rachel@acme.example',
      source: 'ats',
    });
    expect(ownerOf({ recruiter: { name: 'Rachel', title: 'Recruiter' } }, DEFAULT)).toEqual({
      name: 'Rachel',
      title: 'Recruiter',
      email: DEFAULT,
      source: 'default',
    });
    expect(ownerOf({}, DEFAULT)).toEqual({ email: DEFAULT, source: 'default' });
    expect(
      ownerOf(
        { recruiter: { name: 'Ross', email: 'ross@acme.example' }, ownerChangedAt: '2026-11-20T10:00:00Z' },
        DEFAULT,
      ),
    ).toEqual({ name: 'Ross', email: 'ross@acme.example', source: 'changed' });
  });
});

describe('change owner', () => {
  const clock = fixedClock('2026-11-20T10:00:00Z');

  it('writes the new owner and says on the timeline who it was before', async () => {
    const notices = new InMemoryNoticeRepository();
    const notice = aNotice({ recruiter: { name: 'Rachel Green', email: 'rachel@acme.example' } });
    await notices.create(notice);
    const changeOwner = makeChangeOwner({ notices, clock, log: silentLog });

    await changeOwner({
      noticeId: notice.id,
      owner: { name: 'Ross', email: 'Ross@Acme.example' },
      actor: 'recruiter:u1',
    });
    const changed = await changeOwner({
      noticeId: notice.id,
      owner: { name: 'Monica', email: 'monica@acme.example' },
      actor: 'recruiter:u2',
    });

    expect(changed.recruiter).toEqual({ name: 'Monica', email: 'monica@acme.example' });
    expect(changed.history.slice(1).map((e) => e.detail)).toEqual([
      'Owner changed from Rachel Green <rachel@acme.example> to Ross <ross@acme.example> by recruiter:u1',
      'Owner changed from Ross <ross@acme.example> to Monica <monica@acme.example> by recruiter:u2',
    ]);
  });

  it('reads again when the notice moved between its read and its write', async () => {
    const notices = new InMemoryNoticeRepository();
    const notice = aNotice();
    await notices.create(notice);
    let moved = false;
    const racing: NoticeRepository = Object.assign(Object.create(notices) as NoticeRepository, {
      get: async (id: string) => {
        const read = await notices.get(id);
        if (!moved) {
          moved = true;
          await notices.transition(id, {
            from: ['scheduled'],
            to: 'cancelled',
            event: { at: clock.now().toISOString() },
          });
        }
        return read;
      },
    });

    const changed = await makeChangeOwner({ notices: racing, clock, log: silentLog })({
      noticeId: notice.id,
      owner: { name: 'Ross', email: 'ross@acme.example' },
      actor: 'recruiter:u1',
    });

    expect(changed.status).toBe('cancelled');
    expect(changed.history.at(-1)).toMatchObject({ status: 'cancelled', event: 'owner-changed' });
  });

  it('answers NotFound for an unknown notice, and Conflict when it never settles', async () => {
    const notices = new InMemoryNoticeRepository();
    const notice = aNotice();
    await notices.create(notice);
    const neverSettles: NoticeRepository = Object.assign(Object.create(notices) as NoticeRepository, {
      changeOwner: async () => undefined,
    });
    const owner = { name: 'Ross', email: 'ross@acme.example' };

    await expect(
      makeChangeOwner({ notices, clock, log: silentLog })({ noticeId: 'n_gone', owner, actor: 'recruiter:u1' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      makeChangeOwner({ notices: neverSettles, clock, log: silentLog })({ noticeId: notice.id, owner, actor: 'a' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('describes an owner without an inbox as the default inbox', () => {
    expect(describeOwner(undefined)).toBe('the default inbox');
    expect(describeOwner({ name: 'Rachel' })).toBe('Rachel (the default inbox)');
  });
});
