import type { FlagNotification, RecruiterNotifier } from '#core/ports/recruiter-notifier.ts';

export class RecordingNotifier implements RecruiterNotifier {
  readonly sent: FlagNotification[] = [];

  async flagRaised(notification: FlagNotification): Promise<void> {
    this.sent.push(notification);
  }
}
