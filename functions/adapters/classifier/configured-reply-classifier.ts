import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { z } from 'zod';
import { ConfigError } from '#config/app-config.ts';
import type { Log } from '#core/ports/log.ts';
import type { ReplyClassifier } from '#core/ports/reply-classifier.ts';
import { ComprehendReplyClassifier } from './comprehend-reply-classifier.ts';
import { loadLocalReplyClassifier } from './local-reply-classifier.ts';

export const CLASSIFIER_CHOICES = ['local', 'comprehend'] as const;
export type ClassifierChoice = (typeof CLASSIFIER_CHOICES)[number];

const ChoiceSchema = z.enum(CLASSIFIER_CHOICES).default('local');

/**
 * `CLOSELOOP_CLASSIFIER`: `local` (the default, offline) or `comprehend` (Amazon Comprehend for English, the
 * local classifier for the rest). In AWS the CDK stack sets it from the stage configuration's `classifier`.
 */
export function readClassifierChoice(env: NodeJS.ProcessEnv): ClassifierChoice {
  const raw = env.CLOSELOOP_CLASSIFIER;
  const parsed = ChoiceSchema.safeParse(raw === '' ? undefined : raw);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: CLOSELOOP_CLASSIFIER must be local or comprehend, not "${raw}"`);
  }
  return parsed.data;
}

export interface ReplyClassifierDeps {
  readonly log: Log;
  /** Built only when Comprehend is chosen; defaults to a client for the function's own region. */
  readonly comprehendClient?: () => ComprehendClient;
}

/** The configured classifier, built once at cold start by the function that reads replies. */
export async function buildReplyClassifier(
  choice: ClassifierChoice,
  deps: ReplyClassifierDeps,
): Promise<ReplyClassifier> {
  const local = await loadLocalReplyClassifier('on-demand');
  if (choice === 'local') return local;
  const client = deps.comprehendClient?.() ?? new ComprehendClient({});
  return new ComprehendReplyClassifier({ client, local, log: deps.log });
}
