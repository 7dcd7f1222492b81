// Handwritten-digit recogniser: a small ReLU MLP over normaliseDigit's 28×28 frame, int8 weights generated
// by train-digits.ts. The temperature on the softmax was fitted on held-out MNIST, so `confidence` is a
// probability a caller can threshold ("not sure" below it) rather than a raw score.
import { DIGIT_WEIGHTS } from "./digit-weights.js";
import type { DigitModelInfo, DigitWeights } from "./weights-format.js";
import { MNIST_SIZE } from "./normalise.js";

export type { DigitModelInfo, DigitWeights } from "./weights-format.js";

export interface Mlp {
  sizes: number[];
  /** Per layer, input-major: w[l][i * out + o]. */
  w: Float32Array[];
  b: Float32Array[];
  temperature: number;
}

export interface DigitReading {
  digit: number;
  /** Calibrated probability of `digit`. */
  confidence: number;
  probabilities: number[];
}

export const DIGIT_MODEL_INFO: DigitModelInfo = DIGIT_WEIGHTS.info;

let model: Mlp | undefined;

/** Reads a normalised 28×28 digit (normaliseDigit's output). */
export function classifyDigit(input: Float32Array): DigitReading {
  if (input.length !== MNIST_SIZE * MNIST_SIZE) {
    throw new RangeError(`classifyDigit wants ${MNIST_SIZE * MNIST_SIZE} values, got ${input.length}`);
  }
  model ??= decodeWeights(DIGIT_WEIGHTS);
  const probabilities = softmax(mlpLogits(model, input), model.temperature);
  let digit = 0;
  for (let d = 1; d < probabilities.length; d++) if (probabilities[d]! > probabilities[digit]!) digit = d;
  return { digit, confidence: probabilities[digit]!, probabilities };
}

export function decodeWeights(weights: DigitWeights): Mlp {
  const sizes = weights.info.layers;
  const q = new Int8Array(base64Bytes(weights.weights).buffer);
  const scales = new Float32Array(base64Bytes(weights.scales).buffer);
  const biases = new Float32Array(base64Bytes(weights.biases).buffer);
  const w: Float32Array[] = [];
  const b: Float32Array[] = [];
  let wAt = 0;
  let unitAt = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const n = sizes[l]!;
    const out = sizes[l + 1]!;
    const layer = new Float32Array(n * out);
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < out; o++) layer[i * out + o] = q[wAt + i * out + o]! * scales[unitAt + o]!;
    }
    w.push(layer);
    b.push(biases.slice(unitAt, unitAt + out));
    wAt += n * out;
    unitAt += out;
  }
  if (wAt !== q.length || unitAt !== biases.length)
    throw new RangeError("digit weights do not fit the layers");
  return { sizes, w, b, temperature: weights.info.temperature };
}

/** A copy into a fresh, aligned buffer, so typed-array views over it never fail on Buffer pool offsets. */
function base64Bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "base64"));
}

/** Pre-softmax scores; zero activations are skipped, which makes the mostly-blank first layer cheap. */
export function mlpLogits(net: Mlp, input: Float32Array): Float32Array {
  let x = input;
  for (let l = 0; l < net.w.length; l++) {
    const out = net.sizes[l + 1]!;
    const w = net.w[l]!;
    const y = Float32Array.from(net.b[l]!);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const row = i * out;
      for (let o = 0; o < out; o++) y[o] = y[o]! + xi * w[row + o]!;
    }
    if (l + 1 < net.w.length) for (let o = 0; o < out; o++) if (y[o]! < 0) y[o] = 0;
    x = y;
  }
  return x;
}

export function softmax(logits: ArrayLike<number>, temperature = 1): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const e = Array.from({ length: logits.length }, (_, i) => Math.exp((logits[i]! - max) / temperature));
  const sum = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / sum);
}
