import { containsEmailAddress, emailDigest } from '../domain/email-address.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type {
  Suppression,
  SuppressionPage,
  SuppressionQuery,
  SuppressionReason,
  SuppressionRepository,
} from '../ports/suppression-repository.ts';

export interface SuppressRequest {
  readonly email: string;
  /** Why, for colleagues ("asked by phone not to be contacted"); never an address. */
  readonly note?: string;
  /** `recruiter:<subject>` or `admin:<subject>`. Never an email address. */
  readonly actor: string;
}

export interface LiftRequest {
  /** The suppression's id: the address digest. */
  readonly id: string;
  readonly actor: string;
  /** Admins may also lift a hard-bounce or complaint suppression. */
  readonly asAdmin: boolean;
}

export interface ManageSuppressions {
  /** Suppresses an address at a recruiter's request; `created` is false when it already was suppressed. */
  suppress(request: SuppressRequest): Promise<{ readonly created: boolean; readonly suppression: Suppression }>;
  list(query: SuppressionQuery): Promise<SuppressionPage>;
  /** Lifts a suppression, when its reason allows it; answers what was lifted. */
  lift(request: LiftRequest): Promise<Suppression>;
}

/** Suppressions that record what SES told us: mailing the address again risks the sender's reputation. */
const DELIVERY_REASONS: readonly SuppressionReason[] = ['hard-bounce', 'complaint'];

/**
 * The suppression list as recruiters manage it: a candidate asks not to be emailed, and nothing more is sent to
 * them; a recruiter lifts it again when the candidate changes their mind.
 *
 * Primary course (suppress):
 *  1. Refuse a note that holds an address: suppressions keep digests only, with no expiry.
 *  2. Add a `recruiter-request` suppression for the address digest; one already in force is kept and answered.
 *  3. Every notice to that address still to go ends `suppressed` when it comes due (the send checks the list).
 * Primary course (lift):
 *  1. Find it by id (the digest); an erasure's suppression is never lifted (the candidate asked to be
 *     forgotten), a hard bounce's or complaint's only by an admin.
 *  2. Delete it on the condition that its reason has not changed meanwhile (an erasure can arrive).
 */
export function makeManageSuppressions(deps: {
  readonly suppressions: SuppressionRepository;
  readonly clock: Clock;
  readonly log: Log;
}): ManageSuppressions {
  return {
    async suppress({ email, note, actor }) {
      const trimmed = note?.trim();
      if (trimmed !== undefined && containsEmailAddress(trimmed)) {
        throw new ValidationError('The note may not hold an email address.', [
          {
            field: 'note',
            message: 'write why, not who: the note is kept as long as the suppression, which holds no address',
          },
        ]);
      }
      const { added, suppression } = await deps.suppressions.add({
        emailDigest: emailDigest(email),
        reason: 'recruiter-request',
        at: deps.clock.now().toISOString(),
        origin: actor,
        ...(trimmed === undefined || trimmed === '' ? {} : { note: trimmed }),
      });
      deps.log.info(added ? 'address suppressed at a recruiter request' : 'address was already suppressed', {
        suppressionId: suppression.emailDigest,
        reason: suppression.reason,
        actor,
      });
      return { created: added, suppression };
    },

    list: (query) => deps.suppressions.list(query),

    async lift({ id, actor, asAdmin }) {
      const suppression = await deps.suppressions.find(id);
      if (suppression === undefined) throw new NotFoundError(`No suppression with id ${id}`);
      if (suppression.reason === 'erased') {
        throw new ConflictError(
          'This address belongs to a candidate whose data was erased at their request; its suppression stays, so they are never emailed again.',
        );
      }
      if (DELIVERY_REASONS.includes(suppression.reason) && !asAdmin) {
        throw new ForbiddenError(
          `Only an admin may lift a ${suppression.reason} suppression: ${
            suppression.reason === 'complaint'
              ? 'the candidate marked our email as spam'
              : 'the address bounced for good'
          }, and mailing it again harms the sender's reputation with mailbox providers and SES.`,
        );
      }
      if (!(await deps.suppressions.remove(id, suppression.reason))) {
        throw new ConflictError('The suppression changed while it was being lifted; look at it again.');
      }
      deps.log.warn('suppression lifted', { suppressionId: id, reason: suppression.reason, actor });
      return suppression;
    },
  };
}
