import type { AcceptedMessage, SimulatedSesEvents } from '#adapters/local/simulated-ses-events.ts';
import type { Log } from '#core/ports/log.ts';
import type { NoticeRepository } from '#core/ports/notice-repository.ts';
import type { RelayRepository } from '#core/ports/relay-repository.ts';

/** EventBridge retries an event for a day: SES's reports of older messages would be gone in AWS too. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ReplayResult {
  /** Notices left `sending` whose message the emulator holds: now reported as sent (and what followed). */
  readonly reconciled: number;
  /** Notices left `sent` whose later reports (delivery, bounce, complaint) were lost: now reported. */
  readonly completed: number;
}

/**
 * On start, the local stand-in for SES's event publishing catches up with a process that was killed.
 *
 * In AWS, SES publishes a message's Send (and then Delivery, Bounce …) event whatever happens to the function that
 * sent it, and tracking moves a notice left `sending` to `sent` on it, before its lease lets anyone retry. Locally
 * those reports are simulated inside the stack's process and die with it; the emulator's store (in another process
 * when `SES_ENDPOINT` names one) is what still knows. So each message it accepted for the current attempt of a
 * notice still `sending` is reported again from the Send on, and one whose notice is `sent` from after the Send:
 * nothing SES accepted is sent a second time, and every notice ends where it would have.
 */
export async function replayUnreportedSesEvents(deps: {
  readonly accepted: readonly AcceptedMessage[];
  readonly notices: Pick<NoticeRepository, 'get'>;
  /** Relays are reported again the same way (their messages carry `relayId` instead of `noticeId`). */
  readonly relays?: Pick<RelayRepository, 'get'>;
  readonly ses: Pick<SimulatedSesEvents, 'replay' | 'settled'>;
  readonly log: Log;
}): Promise<ReplayResult> {
  let reconciled = 0;
  let completed = 0;
  for (const message of deps.accepted) {
    const noticeId = message.tags.noticeId;
    const relayId = message.tags.relayId;
    // The notice or relay the message was.
    const sent =
      noticeId !== undefined
        ? await deps.notices.get(noticeId)
        : relayId !== undefined
          ? await deps.relays?.get(relayId)
          : undefined;
    // A message of an earlier attempt was reported, or superseded by a resend: its attempt's fate is recorded.
    if (sent === undefined || String(sent.attempts) !== message.tags.attempt) continue;
    if (sent.status === 'sending') {
      deps.ses.replay(message, { afterSend: false });
      reconciled++;
    } else if (sent.status === 'sent' && sent.sesMessageId === message.messageId) {
      deps.ses.replay(message, { afterSend: true });
      completed++;
    }
  }
  await deps.ses.settled();
  if (reconciled + completed > 0) {
    deps.log.info('reported what the SES emulator accepted before a restart', { reconciled, completed });
  }
  return { reconciled, completed };
}
