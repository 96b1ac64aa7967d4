import type { SuppressionReason } from './types.ts';

/**
 * Who may lift what (functions/http/routes/suppressions.ts): a recruiter lifts what recruiters added; an admin
 * also lifts bounces and complaints; an erased candidate's address is never emailed again.
 */
export function liftableBy(reason: SuppressionReason, can: { act: boolean; admin: boolean }): boolean {
  if (reason === 'erased') return false;
  if (reason === 'recruiter-request') return can.act;
  return can.admin;
}
