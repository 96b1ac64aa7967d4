import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Log } from '#core/ports/log.ts';
import type { ReplyClassifier } from '#core/ports/reply-classifier.ts';

/** Chooses the reply function's classifier from the stage configuration (`local` or `comprehend`). */
export async function replyClassifierFor(
  kind: string,
  _deps: { readonly tracer: Tracer; readonly log: Log },
): Promise<ReplyClassifier> {
  // Wired to issue 6a's adapters when that branch is merged.
  throw new Error(`No reply classifier is wired yet for ${kind}`);
}
