/**
 * Type-level check, run by `npm run typecheck`: every response shape the server's zod schemas describe fits
 * what the dashboard (web/src/types.ts) reads. A field renamed or retyped on one side fails the build.
 */
import type { z } from '@hono/zod-openapi';
import type { CandidateListView, CandidateTimelineView } from '#http/schemas/candidate.ts';
import type { NoticeCountsView, NoticeListView } from '#http/schemas/notice-list.ts';
import type { FlagView, UnmatchedRepliesView } from '#http/schemas/reply.ts';
import type { SendingStatusView } from '#http/schemas/sending-control.ts';
import type { LoopStatsView } from '#http/schemas/stats.ts';
import type { SuppressionListView } from '#http/schemas/suppression.ts';
import type {
  CandidateList,
  CandidateTimeline,
  Flag,
  NoticeCounts,
  NoticeList,
  SendingStatus,
  Stats,
  SuppressionList,
  UnmatchedReplies,
} from '../../web/src/types.ts';

type Fits<Server, Client> = [Server] extends [Client] ? true : false;

export const dashboardReadsWhatTheApiSends: [
  Fits<z.infer<typeof CandidateListView>, CandidateList>,
  Fits<z.infer<typeof CandidateTimelineView>, CandidateTimeline>,
  Fits<z.infer<typeof FlagView>, Flag>,
  Fits<z.infer<typeof LoopStatsView>, Stats>,
  Fits<z.infer<typeof UnmatchedRepliesView>, UnmatchedReplies>,
  Fits<z.infer<typeof NoticeListView>, NoticeList>,
  Fits<z.infer<typeof NoticeCountsView>, NoticeCounts>,
  Fits<z.infer<typeof SendingStatusView>, SendingStatus>,
  Fits<z.infer<typeof SuppressionListView>, SuppressionList>,
] = [true, true, true, true, true, true, true, true, true];
