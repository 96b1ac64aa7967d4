import { z } from 'zod';
import type { DecisionInput } from '#core/domain/decision.ts';

/** A person as an ATS names them: any part may be missing. */
export interface AtsPerson {
  readonly name?: string | null | undefined;
  readonly firstName?: string | null | undefined;
  readonly lastName?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly title?: string | null | undefined;
}

const inbox = z.email().max(254);

function nameOf(person: AtsPerson): string {
  const whole = person.name?.trim();
  if (whole) return whole.slice(0, 200);
  return [person.firstName, person.lastName]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ')
    .slice(0, 200);
}

/**
 * The owning recruiter among the people an ATS names, in its order of preference: the first with a usable inbox
 * (so a candidate's replies reach a person), else the first with a name (who signs the email; the default inbox
 * then owns the candidate). An address that is not one is treated as absent, never as a reason to refuse the
 * decision: the default inbox still reaches someone.
 */
export function ownerAmong(people: readonly (AtsPerson | null | undefined)[]): DecisionInput['recruiter'] {
  const known = people.filter((p): p is AtsPerson => p != null);
  for (const person of known) {
    const email = person.email?.trim();
    if (email === undefined || !inbox.safeParse(email).success) continue;
    const title = person.title?.trim();
    return { name: nameOf(person) || email, email, ...(title ? { title: title.slice(0, 200) } : {}) };
  }
  const named = known.find((p) => nameOf(p) !== '');
  return named === undefined ? undefined : { name: nameOf(named) };
}
