import type { CallerEmails } from '#core/ports/caller-emails.ts';
import type { Principal } from './auth.ts';

/**
 * The caller's inbox: what the sign-in says, else what the directory says of its user name (only asked here, by
 * the routes that need an address: `GET /me` and `recruiter=me`). Undefined when neither knows one.
 */
export async function callerEmailOf(
  principal: Principal,
  directory: CallerEmails | undefined,
): Promise<string | undefined> {
  if (principal.email !== undefined) return principal.email;
  if (principal.username === undefined || directory === undefined) return undefined;
  return directory.emailOf(principal.username);
}
