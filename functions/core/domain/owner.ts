import type { Notice } from './notice.ts';
import { definedFields } from './optional.ts';

/** Where a notice's owner came from: the ATS (or the decision's sender), the deployment's default, a recruiter. */
export type OwnerSource = 'ats' | 'default' | 'changed';

/** The person whose inbox a candidate's replies reach. `email` is always set: someone always owns a candidate. */
export interface Owner {
  readonly name?: string;
  readonly email: string;
  readonly title?: string;
  readonly source: OwnerSource;
}

/**
 * Who owns the candidate a notice was sent to. A recruiter's change (`PUT /notices/{id}/owner`) wins; else the
 * recruiter the decision named, when it carried their inbox; else the deployment-wide default inbox
 * (`CLOSELOOP_DEFAULT_RECRUITER_INBOX`), which keeps the named recruiter's name for the relay's greeting.
 */
export function ownerOf(notice: Pick<Notice, 'recruiter' | 'ownerChangedAt'>, defaultInbox: string): Owner {
  const recruiter = notice.recruiter;
  const named = {
    ...definedFields({ name: recruiter?.name }),
    ...definedFields({ title: recruiter?.title }),
  };
  if (recruiter?.email === undefined) return { ...named, email: defaultInbox, source: 'default' };
  return { ...named, email: recruiter.email, source: notice.ownerChangedAt === undefined ? 'ats' : 'changed' };
}
