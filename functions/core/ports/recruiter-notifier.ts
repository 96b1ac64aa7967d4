import type { FlagName } from '../domain/candidate-flag.ts';

/** What recruiters are told when a flag is raised: ids and the reason, never the reply's text or an address. */
export interface FlagNotification {
  readonly candidateId: string;
  readonly flag: FlagName;
  readonly reason: string;
  readonly replyId: string;
  readonly noticeId?: string;
  readonly jobTitle?: string;
  readonly raisedAt: string;
}

/** SNS in AWS (recruiters subscribe by email or chat), the log locally. */
export interface RecruiterNotifier {
  flagRaised(notification: FlagNotification): Promise<void>;
}
