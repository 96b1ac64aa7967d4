import type { Recruiter } from '../domain/decision.ts';
import { normalizeEmail } from '../domain/email-address.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Notice } from '../domain/notice.ts';
import { definedFields } from '../domain/optional.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';

export interface ChangeOwnerRequest {
  readonly noticeId: string;
  /** The new owner: their inbox is where the candidate's replies go from now on. */
  readonly owner: { readonly name: string; readonly email: string; readonly title?: string };
  /** Who asked: `recruiter:<subject>`. Never an email address. */
  readonly actor: string;
}

export type ChangeOwner = (request: ChangeOwnerRequest) => Promise<Notice>;

/** The notice can move under us (a send, a report, another change); re-read and retry a few times. */
const MAX_RACES = 5;

/** An owner as the timeline names them: who, and which inbox; the default inbox when they named none. */
export function describeOwner(owner: Recruiter | undefined): string {
  if (owner === undefined) return 'the default inbox';
  return owner.email === undefined ? `${owner.name} (the default inbox)` : `${owner.name} <${owner.email}>`;
}

/**
 * A recruiter hands a candidate to someone else (a colleague takes over, the ATS named the wrong person).
 *
 * Primary course:
 *  1. Read the notice (404 when there is none: an erased candidate's notices are gone too).
 *  2. Write the new owner with a conditional write on the status and on the last change the read saw, and
 *     record "owner changed from X to Y by <actor>" on the timeline in the same write.
 *  3. If the notice moved in between, read again and retry, so the timeline's "from" is always true.
 */
export function makeChangeOwner(deps: { notices: NoticeRepository; clock: Clock; log: Log }): ChangeOwner {
  return async ({ noticeId, owner, actor }) => {
    const next: Recruiter = {
      name: owner.name,
      email: normalizeEmail(owner.email),
      ...definedFields({ title: owner.title }),
    };
    for (let race = 0; race < MAX_RACES; race++) {
      const current = await deps.notices.get(noticeId);
      if (current === undefined) throw new NotFoundError(`No notice with id ${noticeId}`);
      const at = deps.clock.now().toISOString();
      const changed = await deps.notices.changeOwner(noticeId, {
        owner: next,
        expectedStatus: current.status,
        expectedChangedAt: current.ownerChangedAt,
        event: {
          status: current.status,
          at,
          event: 'owner-changed',
          detail: `Owner changed from ${describeOwner(current.recruiter)} to ${describeOwner(next)} by ${actor}`,
        },
      });
      if (changed === undefined) continue;
      deps.log.info('notice owner changed', { noticeId, actor });
      return changed;
    }
    throw new ConflictError('The notice kept changing while its owner was being changed; try again.');
  };
}
