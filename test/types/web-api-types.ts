/**
 * Type-level check, run by `npm run typecheck`: every response shape the server's zod schemas describe fits
 * what the dashboard (web/src/types.ts) reads. A field renamed or retyped on one side fails the build.
 */
import type { z } from '@hono/zod-openapi';
import type { CandidateListView, CandidateTimelineView } from '#http/schemas/candidate.ts';
import type { FlagView, UnmatchedRepliesView } from '#http/schemas/reply.ts';
import type { LoopStatsView } from '#http/schemas/stats.ts';
import type { CandidateList, CandidateTimeline, Flag, Stats, UnmatchedReplies } from '../../web/src/types.ts';

type Fits<Server, Client> = [Server] extends [Client] ? true : false;

export const dashboardReadsWhatTheApiSends: [
  Fits<z.infer<typeof CandidateListView>, CandidateList>,
  Fits<z.infer<typeof CandidateTimelineView>, CandidateTimeline>,
  Fits<z.infer<typeof FlagView>, Flag>,
  Fits<z.infer<typeof LoopStatsView>, Stats>,
  Fits<z.infer<typeof UnmatchedRepliesView>, UnmatchedReplies>,
] = [true, true, true, true, true];
