import type { Mailer, OutgoingEmail } from '#core/ports/mailer.ts';

/** Records what would have been sent; `failWith` makes the next sends throw (fault injection in unit tests). */
export class RecordingMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  private failures: Error[] = [];
  private counter = 0;

  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(email);
    this.counter += 1;
    return { messageId: `msg-${this.counter}` };
  }
}
