import { emailDigest } from '../domain/email-address.ts';
import { PermanentSendError, TransientSendError } from '../domain/errors.ts';
import { definedFields } from '../domain/optional.ts';
import { OPEN_RELAY_STATUSES, type Relay } from '../domain/relay.ts';
import { formatFromHeader, fromIsOurs, parseFromHeader, renderRelayEmail } from '../domain/relay-email.ts';
import { backoffDelayMs, type RetryPolicy } from '../domain/retry-policy.ts';
import type { Clock } from '../ports/clock.ts';
import type { ErasureLog } from '../ports/erasure-log.ts';
import type { Log } from '../ports/log.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { RelayRepository } from '../ports/relay-repository.ts';
import type { ReputationLedger } from '../ports/reputation-ledger.ts';
import type { SendingControl } from '../ports/sending-control.ts';
import type { SuppressionRepository } from '../ports/suppression-repository.ts';

/** Our loop marker as it is written (`RELAY_LOOP_HEADER` is its lowercase name, as inbound mail is read). */
export const RELAY_LOOP_HEADER_NAME = 'X-Closeloop-Relay';

export interface SendRelayDeps {
  readonly relays: Pick<RelayRepository, 'get' | 'transition' | 'delete'>;
  readonly suppressions: Pick<SuppressionRepository, 'find'>;
  readonly erasures: Pick<ErasureLog, 'get'>;
  /** The sending switch: while paused nothing is claimed; the sweep enqueues the relay again after the resume. */
  readonly control: SendingControl;
  /** Relays go out through the same SES identity as notices: they count toward its rolling rates. */
  readonly ledger: Pick<ReputationLedger, 'record'>;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly log: Log;
  /** Domains a relay's From may be on (the sender's): we never send from an address we do not own. */
  readonly ownDomains: readonly string[];
  readonly retry: RetryPolicy;
  /** How long a claimed relay is left to its worker before another may retry it. */
  readonly sendLeaseMs: number;
  readonly random: () => number;
}

/**
 * `busy`: another worker holds a live lease on it; the message is worth retrying later (the handler reports it
 * as a failed record). `not-due`: deferred to a later attempt, which the sweep enqueues when it is due.
 */
export type RelaySendOutcome =
  | 'sent'
  | 'skipped'
  | 'suppressed'
  | 'failed'
  | 'deferred'
  | 'paused'
  | 'busy'
  | 'not-due'
  | 'done';

export type SendRelay = (relayId: string) => Promise<RelaySendOutcome>;

/**
 * Sends one relay, at most once (the notices' discipline, send-notice.ts).
 *
 * Primary course:
 *  1. Load it; one already sent or finished is `done`, one deferred to later is `not-due`.
 *  2. While sending is paused, leave it where it is: the sweep enqueues it again after the resume.
 *  3. Claim it (`pending|deferred → sending`, or a `sending` whose lease expired), attempt + 1, with a lease. A
 *     live lease elsewhere is `busy`.
 *  4. Check the recipient is not suppressed and the candidate not erased (after the claim, as notices do); a
 *     relay of an erased candidate is deleted unsent.
 *  5. Render it; a From not on our own domains fails it before anything is sent.
 *  6. Send it with the tags `relayId` and `attempt`, our loop header and the threading headers.
 *  7. Record `sent` with the SES message id. If the worker dies first, the SES Send report reconciles it.
 * Transient failures defer it with backoff (an ambiguous one by at least the lease) until the attempt cap;
 * permanent ones fail it.
 */
export function makeSendRelay(deps: SendRelayDeps): SendRelay {
  return async (relayId) => {
    const relay = await deps.relays.get(relayId);
    if (relay === undefined) {
      deps.log.warn('relay to send does not exist', { relayId });
      return 'skipped';
    }
    const now = deps.clock.now();
    const ready = readiness(relay, now);
    if (ready !== 'ready') return ready;
    if ((await deps.control.state()).paused) {
      deps.log.info('sending is paused; relay left for the sweep', { relayId });
      return 'paused';
    }

    const claimed = await claim(relay, now);
    if (claimed === undefined) {
      deps.log.debug('relay claimed by another worker', { relayId });
      return 'busy';
    }
    const stop = await recipientStop(claimed);
    if (stop !== undefined) return stop;
    if (!fromIsOurs(claimed.from, deps.ownDomains)) {
      return fail(claimed, 'The From address is not on our sending domain: never sent from an address we do not own');
    }
    return send(claimed);
  };

  function readiness(relay: Relay, now: Date): RelaySendOutcome | 'ready' {
    if (!OPEN_RELAY_STATUSES.includes(relay.status)) return 'done';
    if (relay.status === 'sending') {
      return relay.leaseUntil !== undefined && relay.leaseUntil > now.toISOString() ? 'busy' : 'ready';
    }
    // A redelivered message must not cut a deferral short: after an ambiguous error it gives the Send report
    // time to arrive.
    if (relay.status === 'deferred' && relay.nextAttemptAt !== undefined && relay.nextAttemptAt > now.toISOString()) {
      return 'not-due';
    }
    return 'ready';
  }

  async function claim(relay: Relay, now: Date): Promise<Relay | undefined> {
    const reclaim = relay.status === 'sending';
    const attempt = relay.attempts + 1;
    return deps.relays.transition(relay.id, {
      from: reclaim ? ['sending'] : ['pending', 'deferred'],
      to: 'sending',
      at: now.toISOString(),
      detail: reclaim ? `Attempt ${attempt} (the previous worker did not finish)` : `Attempt ${attempt}`,
      ...(reclaim ? { leaseExpiredBefore: now.toISOString() } : {}),
      expectedAttempts: relay.attempts,
      set: { attempts: attempt, leaseUntil: new Date(now.getTime() + deps.sendLeaseMs).toISOString() },
    });
  }

  /** Suppressed recipient → `suppressed`; erased candidate → `skipped` (the relay is deleted). Undefined: go on. */
  async function recipientStop(relay: Relay): Promise<RelaySendOutcome | undefined> {
    const suppression = await deps.suppressions.find(emailDigest(relay.to));
    if (suppression !== undefined) {
      await finish(relay, 'suppressed', `Not sent: the address is suppressed (${suppression.reason})`);
      deps.log.info('relay suppressed', { relayId: relay.id, reason: suppression.reason });
      return 'suppressed';
    }
    if ((await deps.erasures.get(relay.candidateId)) !== undefined) {
      // Deleted, not left `skipped` until its TTL: it holds the candidate's address or words, and the erasure
      // may have read the thread before it was created.
      await deps.relays.delete(relay.id);
      deps.log.info('relay deleted unsent: candidate erased', { relayId: relay.id });
      return 'skipped';
    }
    return undefined;
  }

  async function send(relay: Relay): Promise<RelaySendOutcome> {
    const email = renderRelayEmail(relay);
    const sender = parseFromHeader(relay.from);
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send({
        from: formatFromHeader(sender.name, sender.address),
        to: relay.to,
        replyTo: relay.replyTo,
        subject: email.subject,
        text: email.text,
        html: email.html,
        tags: { relayId: relay.id, attempt: String(relay.attempts) },
        headers: threadingHeaders(relay),
      }));
    } catch (e: unknown) {
      if (e instanceof PermanentSendError) return fail(relay, `The mail service rejected the message: ${e.message}`);
      if (e instanceof TransientSendError) return defer(relay, e.message, e.ambiguous);
      throw e;
    }
    const sent = await deps.relays.transition(relay.id, {
      from: ['sending'],
      to: 'sent',
      at: deps.clock.now().toISOString(),
      detail: 'Accepted by the mail service',
      expectedAttempts: relay.attempts,
      set: { sesMessageId: messageId },
    });
    // Undefined: the SES Send report got there first, recorded it as sent and counted it.
    if (sent !== undefined) await deps.ledger.record('sends', deps.clock.now());
    deps.log.info('relay sent', {
      relayId: relay.id,
      noticeId: relay.noticeId,
      direction: relay.direction,
      attempt: relay.attempts,
      sesMessageId: messageId,
    });
    return 'sent';
  }

  async function finish(relay: Relay, to: 'suppressed' | 'skipped' | 'failed', detail: string): Promise<void> {
    await deps.relays.transition(relay.id, {
      from: ['sending'],
      to,
      at: deps.clock.now().toISOString(),
      detail,
      expectedAttempts: relay.attempts,
      ...(to === 'failed' ? { set: { failureReason: detail } } : {}),
    });
  }

  async function fail(relay: Relay, reason: string): Promise<RelaySendOutcome> {
    await finish(relay, 'failed', reason);
    deps.log.warn('relay failed', { relayId: relay.id, reason });
    return 'failed';
  }

  /**
   * `ambiguous`: SES may have accepted it (a timeout, a 5xx). The retry waits at least the send lease, so the
   * Send report of an accepted attempt reconciles the relay to `sent` before anything is sent again.
   */
  async function defer(relay: Relay, reason: string, ambiguous: boolean): Promise<RelaySendOutcome> {
    if (relay.attempts >= deps.retry.maxAttempts) {
      return fail(relay, `Gave up after ${relay.attempts} attempts; the last error: ${reason}`);
    }
    const now = deps.clock.now();
    const backoff = backoffDelayMs(deps.retry, relay.attempts, deps.random);
    const next = new Date(now.getTime() + (ambiguous ? Math.max(backoff, deps.sendLeaseMs) : backoff)).toISOString();
    await deps.relays.transition(relay.id, {
      from: ['sending'],
      to: 'deferred',
      at: now.toISOString(),
      detail: `Temporary failure (${reason}); next attempt at ${next}`,
      expectedAttempts: relay.attempts,
      set: { nextAttemptAt: next },
    });
    deps.log.warn('relay deferred', { relayId: relay.id, attempt: relay.attempts, nextAttemptAt: next });
    return 'deferred';
  }
}

/** Our loop marker, and `In-Reply-To`/`References` so mail clients thread the turns. */
function threadingHeaders(relay: Relay): Record<string, string> {
  const angle = (id: string) => {
    const bare = id.trim().replace(/^<|>$/g, '');
    // Printable ASCII only: a control or non-ASCII byte from a candidate's Message-ID makes SES refuse the email.
    return /^[\x21-\x3b\x3d\x3f-\x7e]+$/.test(bare) ? `<${bare}>` : undefined;
  };
  const references = relay.references.map(angle).filter((r): r is string => r !== undefined);
  const inReplyTo = relay.inReplyTo === undefined ? undefined : angle(relay.inReplyTo);
  return {
    [RELAY_LOOP_HEADER_NAME]: relay.id,
    ...definedFields({ 'In-Reply-To': inReplyTo }),
    ...(references.length === 0 ? {} : { References: references.join(' ') }),
  };
}
