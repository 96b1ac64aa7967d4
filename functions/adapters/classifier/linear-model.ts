import { z } from 'zod';
import type { SparseVector } from './hashed-features.ts';

/**
 * Weights travel as base64 of little-endian 16-bit integers times one scale factor: a fifth of the size of JSON
 * numbers, and precise to 1/32767 of the largest weight, far below what changes a prediction.
 */
export const QuantizedWeightsSchema = z.object({
  scale: z.number().positive(),
  base64: z.string(),
});
export type QuantizedWeights = z.infer<typeof QuantizedWeightsSchema>;

export function quantize(weights: Float32Array | Float64Array): QuantizedWeights {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(Math.round((weights[i] ?? 0) / scale), i * 2);
  return { scale, base64: bytes.toString('base64') };
}

export function dequantize(quantized: QuantizedWeights, length: number): Float32Array {
  const bytes = Buffer.from(quantized.base64, 'base64');
  if (bytes.byteLength !== length * 2) {
    throw new Error(`Model weights hold ${bytes.byteLength / 2} values; ${length} expected`);
  }
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = bytes.readInt16LE(i * 2) * quantized.scale;
  return out;
}

export function dot(weights: Float32Array, x: SparseVector): number {
  let sum = 0;
  for (let i = 0; i < x.indices.length; i++) sum += (weights[x.indices[i] ?? 0] ?? 0) * (x.values[i] ?? 0);
  return sum;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** P(class) for a binary logistic regression. */
export class BinaryLinearModel {
  constructor(
    private readonly weights: Float32Array,
    private readonly bias: number,
  ) {}

  probability(x: SparseVector): number {
    return sigmoid(this.bias + dot(this.weights, x));
  }
}

/** P(class) per class for a multinomial logistic regression. */
export class SoftmaxLinearModel {
  constructor(
    private readonly weights: readonly Float32Array[],
    private readonly biases: readonly number[],
  ) {}

  probabilities(x: SparseVector): number[] {
    return softmax(this.weights.map((w, k) => (this.biases[k] ?? 0) + dot(w, x)));
  }
}
