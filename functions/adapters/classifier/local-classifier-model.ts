import { z } from 'zod';
import { QuantizedWeightsSchema } from './linear-model.ts';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;

/**
 * The committed model file (`model/reply-classifier.json`), written by `npm run train:classifier`. Derived data
 * only: hashed weights and two decision thresholds, never a text from the training data.
 */
export const LocalClassifierModelSchema = z.object({
  format: z.literal('closeloop-reply-classifier/1'),
  version: z.string().min(1),
  features: z.object({
    bits: z.number().int().min(8).max(24),
    charNgrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  }),
  hostility: z.object({
    bias: z.number(),
    weights: QuantizedWeightsSchema,
    /** Model probabilities at which a sentence becomes borderline (0.4 on the hostility scale) and hostile (0.7). */
    borderlineProbability: z.number().min(0).max(1),
    hostileProbability: z.number().min(0).max(1),
  }),
  sentiment: z.object({
    /** The sentiment model folds the features into 2^bits buckets (at most features.bits), then adds the lexicon's. */
    bits: z.number().int().min(8).max(24),
    lexiconFeatures: z.number().int().min(0),
    classes: z.tuple([z.literal('negative'), z.literal('neutral'), z.literal('positive')]),
    biases: z.tuple([z.number(), z.number(), z.number()]),
    weights: z.tuple([QuantizedWeightsSchema, QuantizedWeightsSchema, QuantizedWeightsSchema]),
  }),
  /** Provenance: data, split, command, seed. Informational. */
  training: z.record(z.string(), z.unknown()),
});
export type LocalClassifierModel = z.infer<typeof LocalClassifierModelSchema>;
