/**
 * The vocabularies a decision is normalized to. Kept apart from the decision's zod schema so the send path,
 * which only needs the words, does not load the schema library with them.
 */

/** Why a candidate was rejected, normalized across ATSs. Picks the template and feeds the stats. */
export const REASON_CATEGORIES = [
  'skills-mismatch',
  'experience-mismatch',
  'position-filled',
  'position-closed',
  'withdrawn',
  'other',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

/** Where in the process the decision was made. */
export const STAGES = ['application-review', 'phone-screen', 'interview', 'offer', 'other'] as const;
export type Stage = (typeof STAGES)[number];
