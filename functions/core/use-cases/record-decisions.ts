import { type Decision, type DecisionInput, toDecision } from '../domain/decision.ts';
import { decisionRecorded } from '../domain/events.ts';
import { deterministicId, randomToken } from '../domain/ids.ts';
import type { Notice, NoticeStatus } from '../domain/notice.ts';
import { definedFields } from '../domain/optional.ts';
import type { SendPolicy } from '../domain/send-policy.ts';
import type { TemplateSelector } from '../domain/template-selection.ts';
import type { Clock } from '../ports/clock.ts';
import type { DecisionRepository, StoredDecision } from '../ports/decision-repository.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';
import { ERASED_REASON, type ErasureCheck, isErasedDecision } from './erased-decision.ts';

export interface RecordDecisionsDeps {
  readonly decisions: DecisionRepository;
  readonly notices: NoticeRepository;
  readonly events: EventPublisher;
  readonly policy: SendPolicy;
  readonly templates: TemplateSelector;
  readonly clock: Clock;
  readonly log: Log;
  /** Erased candidates and applications: a decision for one records nothing. */
  readonly erasures: ErasureCheck;
  /** How long personal data is kept after the decision (the TTL on its items). */
  readonly retentionDays: number;
}

export interface DecisionResult {
  readonly decisionKey: string;
  readonly candidateId: string;
  /** True when this decision was already recorded: nothing new was written or sent. */
  readonly duplicate: boolean;
  readonly noticeId?: string;
  readonly status?: NoticeStatus;
  readonly sendAt?: string;
  /** Why nothing will be sent, when nothing will. */
  readonly noEmailReason?: string;
  /** The candidate's data was erased: nothing was (or, in a dry run, would be) recorded. */
  readonly erased?: true;
}

export interface RecordOptions {
  /**
   * Decisions recorded at once (default 1, in order). Only for inputs with no two decisions alike (a file whose
   * duplicate rows were refused): two alike recorded at once could both report themselves new.
   */
  readonly concurrency?: number;
}

export type RecordDecisions = ((
  inputs: readonly DecisionInput[],
  options?: RecordOptions,
) => Promise<DecisionResult[]>) & {
  /** For a dry run: which of these decisions are for erased candidates (each would record nothing). Reads only. */
  readonly erased: (inputs: readonly DecisionInput[]) => Promise<boolean[]>;
};

export function noticeIdFor(decisionKey: string): string {
  return deterministicId('n', decisionKey);
}

/**
 * Records rejection decisions and plans one notice for each.
 *
 * Primary course, per decision:
 *  0. Refuse an erased candidate's decision quietly: nothing written, nothing personal logged (`erased`).
 *  1. Normalize it (keys are digests; the notice id derives from the decision key, so a retry plans the same notice).
 *  2. Record the decision with a conditional put: a second delivery finds the first and changes nothing.
 *  3. Plan the notice (send policy, template) and create it with a conditional put.
 *  4. Publish DecisionRecorded.
 * Every write is single-item and idempotent: a crash between steps is repaired by the retry, which finds
 * the decision and completes the notice.
 */
export function makeRecordDecisions(deps: RecordDecisionsDeps): RecordDecisions {
  const recordOne = async (input: DecisionInput): Promise<DecisionResult> => {
    const now = deps.clock.now();
    const decision = toDecision(input);
    if (await isErasedDecision(deps.erasures, input)) {
      deps.log.info('decision for an erased candidate: nothing recorded', { source: decision.source });
      return erasedResult(decision);
    }
    const noticeId = decision.canEmail ? noticeIdFor(decision.key) : undefined;
    const stored: StoredDecision = {
      ...decision,
      recordedAt: now.toISOString(),
      retainUntil: retainUntil(now, deps.retentionDays),
      ...(noticeId === undefined
        ? { noEmailReason: 'The ATS marked this candidate as not to be emailed (can_email: false).' }
        : { noticeId }),
    };
    const outcome = await deps.decisions.recordOnce(stored);
    const recorded = outcome.created ? stored : outcome.existing;

    if (recorded.noticeId === undefined) {
      if (outcome.created) {
        await deps.events.publish([decisionRecorded(recorded, now)]);
        deps.log.info('decision recorded without a notice', { decisionKey: decision.key, source: decision.source });
      }
      return {
        decisionKey: decision.key,
        candidateId: decision.candidateId,
        duplicate: !outcome.created,
        ...definedFields({ noEmailReason: recorded.noEmailReason }),
      };
    }

    if (!outcome.created && recorded.atsStatus === 'cancelled') {
      // The ATS reversed this decision (an unreject): a retried rejection must not plan its notice again.
      return {
        decisionKey: decision.key,
        candidateId: decision.candidateId,
        duplicate: true,
        noticeId: recorded.noticeId,
        noEmailReason: 'The ATS reversed this rejection.',
      };
    }

    const planned = planNotice(recorded, recorded.noticeId, now, deps);
    const created = await deps.notices.create(planned);
    const notice = created.created ? planned : created.existing;
    const duplicate = !outcome.created && !created.created;

    if (!duplicate) {
      await deps.events.publish([decisionRecorded(recorded, now, notice.id)]);
      deps.log.info('decision recorded', {
        decisionKey: decision.key,
        noticeId: notice.id,
        source: decision.source,
        sendAt: notice.sendAt,
      });
    }
    return {
      decisionKey: decision.key,
      candidateId: decision.candidateId,
      duplicate,
      noticeId: notice.id,
      status: notice.status,
      sendAt: notice.sendAt,
    };
  };

  // Sequential by default: a JSON batch is bounded (≤ 500) and may repeat a decision. A file of thousands asks for
  // a few at once (its rows are distinct), or it would outlast the API's 30 s. Results keep the inputs' order.
  const record = (inputs: readonly DecisionInput[], options: RecordOptions = {}) =>
    inOrder(inputs, options.concurrency ?? 1, recordOne);
  const erased = (inputs: readonly DecisionInput[]) =>
    inOrder(inputs, RECORD_CONCURRENCY_FOR_READS, (input) => isErasedDecision(deps.erasures, input));
  return Object.assign(record, { erased });
}

/** Reads for a dry run are a few at once, as a file's rows are recorded. */
const RECORD_CONCURRENCY_FOR_READS = 16;

function erasedResult(decision: Decision): DecisionResult {
  return {
    decisionKey: decision.key,
    candidateId: decision.candidateId,
    duplicate: true,
    erased: true,
    noEmailReason: ERASED_REASON,
  };
}

/** `step` over the inputs, at most `concurrency` at once; the results keep the inputs' order. */
async function inOrder<T>(
  inputs: readonly DecisionInput[],
  concurrency: number,
  step: (input: DecisionInput) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < inputs.length; index = next++) {
      results[index] = await step(inputs[index] as DecisionInput);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, inputs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

function planNotice(decision: Decision, id: string, now: Date, deps: RecordDecisionsDeps): Notice {
  const sendAt = deps.policy.sendAt(decision, now).toISOString();
  const choice = deps.templates.select({
    reason: decision.reason.category,
    stage: decision.stage,
    keepInTouch: decision.keepInTouch,
    ...definedFields({ locale: decision.candidate.locale }),
  });
  const at = now.toISOString();
  return {
    id,
    decisionKey: decision.key,
    candidateId: decision.candidateId,
    emailDigest: decision.emailDigest,
    source: decision.source,
    applicationId: decision.applicationId,
    job: decision.job,
    candidate: decision.candidate,
    ...definedFields({ recruiter: decision.recruiter, personalNote: decision.personalNote }),
    feedbackOffered: decision.feedbackOffered,
    ...(decision.keepInTouch ? { keepInTouch: true } : {}),
    reason: decision.reason.category,
    stage: decision.stage,
    templateId: choice.templateId,
    locale: choice.locale,
    status: 'scheduled',
    sendAt,
    attempts: 0,
    replyToken: randomToken(),
    createdAt: at,
    updatedAt: at,
    decidedAt: decision.decidedAt,
    retainUntil: retainUntil(now, deps.retentionDays),
    history: [
      {
        status: 'scheduled',
        at,
        event: 'planned',
        detail: `Scheduled for ${sendAt} with template ${choice.templateId} (${choice.locale}): ${choice.because}`,
      },
    ],
  };
}

function retainUntil(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}
