import type { SendingControl, SendingState } from '#core/ports/sending-control.ts';

export class InMemorySendingControl implements SendingControl {
  current: SendingState = { paused: false };

  async state(): Promise<SendingState> {
    return { ...this.current };
  }

  async pause(change: { reason: string; at: string; by: string }): Promise<boolean> {
    if (this.current.paused) return false;
    this.current = { ...this.current, paused: true, reason: change.reason, changedAt: change.at, changedBy: change.by };
    return true;
  }

  async resume(change: { reason: string; at: string; by: string }): Promise<boolean> {
    if (!this.current.paused) return false;
    this.current = {
      paused: false,
      reason: change.reason,
      changedAt: change.at,
      changedBy: change.by,
      resumedAt: change.at,
    };
    return true;
  }
}
