import type { Mailer, OutgoingEmail } from '#core/ports/mailer.ts';

/** Records what would have been sent; `failWith` makes the next sends throw (fault injection in unit tests). */
export class RecordingMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  private failures: Error[] = [];
  private hooks: (() => Promise<void>)[] = [];
  private counter = 0;

  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  /** Runs `hook` inside the next send, before it succeeds or fails: something happening while a notice is `sending`. */
  duringNextSend(hook: () => Promise<void>): void {
    this.hooks.push(hook);
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const hook = this.hooks.shift();
    if (hook) await hook();
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(email);
    this.counter += 1;
    return { messageId: `msg-${this.counter}` };
  }
}
