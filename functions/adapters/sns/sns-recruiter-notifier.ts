import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { FlagNotification, RecruiterNotifier } from '#core/ports/recruiter-notifier.ts';

const TITLES: Record<FlagNotification['flag'], string> = {
  'bridge-burned': 'A candidate burned the bridge',
  'needs-review': 'A reply needs your review',
  warm: 'A candidate replied warmly',
  'feedback-requested': 'A candidate asks for feedback',
  withdrew: 'A candidate withdrew',
};

/**
 * Tells recruiters through the flags topic (email, chat or a webhook subscribe to it). The message carries
 * ids, the flag and its reason, never the reply's text or the candidate's address: a notification channel
 * is not where personal data should travel. The `flag` message attribute lets subscribers filter.
 */
export class SnsRecruiterNotifier implements RecruiterNotifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async flagRaised(n: FlagNotification): Promise<void> {
    const lines = [
      `${TITLES[n.flag]}${n.jobTitle === undefined ? '' : ` (${n.jobTitle})`}.`,
      '',
      `Flag: ${n.flag}`,
      `Why: ${n.reason}`,
      `Candidate: ${n.candidateId}`,
      `Reply: ${n.replyId}`,
      ...(n.noticeId === undefined ? [] : [`Notice: ${n.noticeId}`]),
      `Raised at: ${n.raisedAt}`,
      '',
      'Confirm or dismiss it in Closeloop.',
    ];
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: `Closeloop: ${TITLES[n.flag]}`.slice(0, 100),
        Message: lines.join('\n'),
        MessageAttributes: { flag: { DataType: 'String', StringValue: n.flag } },
      }),
    );
  }
}
