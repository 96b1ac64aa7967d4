import { InProcessRawMailStore } from '#adapters/local/in-process-raw-mail-store.ts';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { processInboundMailFrom, reviewFlagFrom } from '#composition/use-cases.ts';
import type { DecisionInput } from '#core/domain/decision.ts';
import type { Notice } from '#core/domain/notice.ts';
import { FakeReplyClassifier } from '../fakes/fake-reply-classifier.ts';
import { InMemoryCandidateRecords } from '../fakes/in-memory-candidate-records.ts';
import { InMemoryErasureLog } from '../fakes/in-memory-erasure-log.ts';
import { InMemoryFlagRepository } from '../fakes/in-memory-flag-repository.ts';
import { InMemoryNoticeLookup } from '../fakes/in-memory-notice-lookup.ts';
import { InMemoryRelayRepository } from '../fakes/in-memory-relay-repository.ts';
import { InMemoryReplyRepository } from '../fakes/in-memory-reply-repository.ts';
import { RecordingNotifier } from '../fakes/recording-notifier.ts';
import { aDecision } from './builders.ts';
import { unitWorld } from './unit-world.ts';

/** The unit world plus the reply flow: real MIME parsing, in-memory storage, the fake classifier. */
export function replyWorld(options: { now?: string; env?: NodeJS.ProcessEnv; maxBytes?: number } = {}) {
  const world = unitWorld(options);
  const raw = new InProcessRawMailStore();
  const replies = new InMemoryReplyRepository();
  const flags = new InMemoryFlagRepository();
  const relays = new InMemoryRelayRepository();
  const enqueuedRelays: string[] = [];
  const ports = {
    relayQueue: {
      enqueueRelays: async (ids: readonly string[]) => {
        enqueuedRelays.push(...ids);
      },
    },
    raw,
    parser: new MailparserInboundParser(),
    lookup: new InMemoryNoticeLookup(world.notices),
    notices: world.notices,
    replies,
    flags,
    relays,
    // Erasure's receipts and deletes: a reply racing an erasure removes what it wrote.
    erasures: new InMemoryErasureLog(),
    records: new InMemoryCandidateRecords({
      decisions: world.decisions,
      notices: world.notices,
      replies,
      flags,
      relays,
    }),
    classifier: new FakeReplyClassifier(),
    notifier: new RecordingNotifier(),
    events: world.events,
    renderer: world.renderer,
    clock: world.clock,
    log: world.log,
  };
  const processInboundMail = processInboundMailFrom(
    ports,
    world.config,
    options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
  );
  const inbound = async (message: string | Uint8Array) =>
    processInboundMail(await raw.put(typeof message === 'string' ? new TextEncoder().encode(message) : message));

  /** Records a decision, sends its notice, and returns it as sent (with its reply token and SES id). */
  const sentNotice = async (overrides: Parameters<typeof aDecision>[0] = {}): Promise<Notice> => {
    const [result] = await world.recordDecisions([aDecision(overrides) as DecisionInput]);
    if (result?.noticeId === undefined) throw new Error('no notice planned');
    world.clock.advance(24 * 3600_000);
    await world.sweepAndSend();
    const notice = await world.notices.get(result.noticeId);
    if (notice?.status !== 'sent') throw new Error(`notice not sent: ${notice?.status}`);
    return notice;
  };
  const replyTo = (notice: Notice) => `reply+${notice.replyToken}@${world.config.sender.replyDomain}`;
  /** The plain text of the email a notice sent, as the candidate received it. */
  const sentText = (notice: Notice) => world.mailer.sent.find((m) => m.replyTo === replyTo(notice))?.text ?? '';

  const lookupByCandidate = async (candidateId: string): Promise<Notice> => {
    const notice = await ports.lookup.latestSentTo(candidateId);
    if (notice === undefined) throw new Error(`no notice sent to ${candidateId}`);
    return notice;
  };

  return {
    ...world,
    lookupByCandidate,
    reply: ports,
    processInboundMail,
    enqueuedRelays,
    reviewFlag: reviewFlagFrom(ports),
    inbound,
    sentNotice,
    replyTo,
    sentText,
  };
}
