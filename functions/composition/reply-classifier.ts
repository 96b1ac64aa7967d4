import type { Tracer } from '@aws-lambda-powertools/tracer';
import { loadLocalReplyClassifier } from '#adapters/classifier/local-reply-classifier.ts';
import type { Log } from '#core/ports/log.ts';
import type { ReplyClassifier } from '#core/ports/reply-classifier.ts';

/** Chooses the reply function's classifier from the stage configuration (`local` or `comprehend`). */
export async function replyClassifierFor(
  kind: string,
  _deps: { readonly tracer: Tracer; readonly log: Log },
): Promise<ReplyClassifier> {
  if (kind === 'local') return loadLocalReplyClassifier();
  throw new Error(`CLOSELOOP_CLASSIFIER=${kind} is not available in this build`);
}
