import type { Log } from '#core/ports/log.ts';
import type { FlagNotification, RecruiterNotifier } from '#core/ports/recruiter-notifier.ts';

/** Locally, the notification recruiters would get is one log line (ids and the reason only). */
export class LogRecruiterNotifier implements RecruiterNotifier {
  constructor(private readonly log: Log) {}

  async flagRaised(n: FlagNotification): Promise<void> {
    this.log.info('recruiters notified', {
      flag: n.flag,
      candidateId: n.candidateId,
      replyId: n.replyId,
      noticeId: n.noticeId,
      reason: n.reason,
    });
  }
}
