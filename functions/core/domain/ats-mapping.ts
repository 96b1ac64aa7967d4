import { z } from 'zod';
import { REASON_CATEGORIES, type ReasonCategory, STAGES, type Stage } from './decision.ts';

/**
 * How ATS reason and stage names become Closeloop's categories. Every ATS lets recruiters name their own
 * reasons and stages, so this is configuration: exact names first (case-insensitive), then keyword rules in
 * order, then `other`. Deployments override it with `CLOSELOOP_ATS_MAPPING` (see docs/webhooks.md).
 */
export interface AtsMapping {
  readonly reasons: Readonly<Record<string, ReasonCategory>>;
  readonly stages: Readonly<Record<string, Stage>>;
  readonly reasonKeywords: readonly { readonly keyword: string; readonly category: ReasonCategory }[];
  readonly stageKeywords: readonly { readonly keyword: string; readonly stage: Stage }[];
}

export const DEFAULT_ATS_MAPPING: AtsMapping = {
  reasons: {
    // Greenhouse reason types and Ashby/Workable reason kinds that say who ended it.
    'they rejected us': 'withdrawn',
    'rejected by candidate': 'withdrawn',
    rejectedbycandidate: 'withdrawn',
    'candidate withdrew': 'withdrawn',
    'wrong skill set': 'skills-mismatch',
  },
  stages: {
    'resume screen': 'application-review',
    'application review': 'application-review',
    'new applicant': 'application-review',
    preinterviewscreen: 'phone-screen',
  },
  // Order matters: "overqualified" is about experience before "qualif" is about skills.
  reasonKeywords: [
    { keyword: 'withdr', category: 'withdrawn' },
    { keyword: 'another offer', category: 'withdrawn' },
    { keyword: 'not interested', category: 'withdrawn' },
    { keyword: 'declined', category: 'withdrawn' },
    { keyword: 'hired another', category: 'position-filled' },
    { keyword: 'another candidate', category: 'position-filled' },
    { keyword: 'filled', category: 'position-filled' },
    { keyword: 'closed', category: 'position-closed' },
    { keyword: 'cancel', category: 'position-closed' },
    { keyword: 'on hold', category: 'position-closed' },
    { keyword: 'budget', category: 'position-closed' },
    { keyword: 'headcount', category: 'position-closed' },
    { keyword: 'no longer', category: 'position-closed' },
    { keyword: 'junior', category: 'experience-mismatch' },
    { keyword: 'senior', category: 'experience-mismatch' },
    { keyword: 'experience', category: 'experience-mismatch' },
    { keyword: 'overqualified', category: 'experience-mismatch' },
    { keyword: 'underqualified', category: 'experience-mismatch' },
    { keyword: 'skill', category: 'skills-mismatch' },
    { keyword: 'qualif', category: 'skills-mismatch' },
    { keyword: 'technical', category: 'skills-mismatch' },
  ],
  stageKeywords: [
    { keyword: 'offer', stage: 'offer' },
    { keyword: 'reference', stage: 'offer' },
    { keyword: 'background', stage: 'offer' },
    { keyword: 'phone', stage: 'phone-screen' },
    { keyword: 'recruiter', stage: 'phone-screen' },
    { keyword: 'call', stage: 'phone-screen' },
    { keyword: 'interview', stage: 'interview' },
    { keyword: 'onsite', stage: 'interview' },
    { keyword: 'on-site', stage: 'interview' },
    { keyword: 'take home', stage: 'interview' },
    { keyword: 'assessment', stage: 'interview' },
    { keyword: 'technical', stage: 'interview' },
    { keyword: 'case', stage: 'interview' },
    { keyword: 'panel', stage: 'interview' },
    { keyword: 'final', stage: 'interview' },
    { keyword: 'application', stage: 'application-review' },
    { keyword: 'applied', stage: 'application-review' },
    { keyword: 'review', stage: 'application-review' },
    { keyword: 'screen', stage: 'application-review' },
    { keyword: 'sourced', stage: 'application-review' },
    { keyword: 'lead', stage: 'application-review' },
    { keyword: 'new', stage: 'application-review' },
  ],
};

/** What `CLOSELOOP_ATS_MAPPING` may hold: exact names are added to the defaults, keyword lists replace them. */
export const AtsMappingOverrideSchema = z
  .object({
    reasons: z.record(z.string().min(1), z.enum(REASON_CATEGORIES)).optional(),
    stages: z.record(z.string().min(1), z.enum(STAGES)).optional(),
    reasonKeywords: z
      .array(z.object({ keyword: z.string().min(1), category: z.enum(REASON_CATEGORIES) }).strict())
      .optional(),
    stageKeywords: z.array(z.object({ keyword: z.string().min(1), stage: z.enum(STAGES) }).strict()).optional(),
  })
  .strict();
export type AtsMappingOverride = z.infer<typeof AtsMappingOverrideSchema>;

function key(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

function lowerKeys<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [key(k), v]));
}

export function withOverrides(base: AtsMapping, override: AtsMappingOverride | undefined): AtsMapping {
  if (override === undefined) return base;
  return {
    reasons: { ...lowerKeys(base.reasons), ...lowerKeys(override.reasons ?? {}) },
    stages: { ...lowerKeys(base.stages), ...lowerKeys(override.stages ?? {}) },
    reasonKeywords: override.reasonKeywords ?? base.reasonKeywords,
    stageKeywords: override.stageKeywords ?? base.stageKeywords,
  };
}

/**
 * The category for a rejection reason. `names` are tried in order, most specific first (the reason's own
 * name, then what the ATS says about its kind, e.g. Greenhouse's type "They rejected us"); for each, an exact
 * name, then a keyword. The first name that maps to a category wins.
 */
export function categorizeReason(mapping: AtsMapping, ...names: (string | undefined)[]): ReasonCategory {
  const exact = lowerKeys(mapping.reasons);
  for (const raw of names) {
    if (raw === undefined || raw.trim() === '') continue;
    const name = key(raw);
    const found =
      exact[name] ??
      REASON_CATEGORIES.find((c) => c === name.replace(/ /g, '-')) ??
      mapping.reasonKeywords.find((r) => name.includes(key(r.keyword)))?.category;
    if (found !== undefined) return found;
  }
  return 'other';
}

export function categorizeStage(mapping: AtsMapping, name: string | undefined): Stage {
  if (name === undefined || name.trim() === '') return 'other';
  const normalized = key(name);
  const exact = lowerKeys(mapping.stages)[normalized] ?? STAGES.find((s) => s === normalized.replace(/ /g, '-'));
  if (exact !== undefined) return exact;
  return mapping.stageKeywords.find((r) => normalized.includes(key(r.keyword)))?.stage ?? 'other';
}
