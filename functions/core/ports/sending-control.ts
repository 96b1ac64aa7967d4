/** Whether notices may go out: paused by the reputation guard or an operator, resumed only by an operator. */
export interface SendingState {
  readonly paused: boolean;
  /** Why it was paused (the rate that crossed the ceiling, or the operator's words). */
  readonly reason?: string;
  /** When it was last paused or resumed. */
  readonly changedAt?: string;
  /** Who paused or resumed it: `reputation-guard`, `admin:<subject>`. Never an email address. */
  readonly changedBy?: string;
  /** When it was last resumed: the reputation guard counts only what was sent after this. */
  readonly resumedAt?: string;
}

export interface SendingControl {
  state(): Promise<SendingState>;
  /** Pauses sending; false when it was already paused (the first reason is kept). */
  pause(change: { readonly reason: string; readonly at: string; readonly by: string }): Promise<boolean>;
  /** Resumes sending; false when it was not paused. */
  resume(change: { readonly reason: string; readonly at: string; readonly by: string }): Promise<boolean>;
}
