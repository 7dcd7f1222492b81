import fs from "node:fs";
import { readOcrImage } from "../src/imaging/ocr-image.js";
import { findFramesIn } from "../src/ocr/frames.js";
import { correctPage } from "../src/stages/correct.js";
import { splitNoise } from "../src/stages/denoise.js";
import { extract } from "../src/stages/extract.js";
import { slotGlyphs } from "../src/handwriting/slot-glyphs.js";
import { classifyDigit } from "/work/wt-digits/src/handwriting/digit-model.js";
import { normaliseDigit } from "/work/wt-digits/src/handwriting/normalise.js";
import type { CachedPage } from "./text-cache.js";

const pages = (JSON.parse(fs.readFileSync("/tmp/tc/cache.json", "utf8")) as CachedPage[]).filter((p) => p.set === "real");
for (const p of pages) {
  const frames = await findFramesIn(p.image, { dpi: p.dpi ?? 300 });
  const page = correctPage(splitNoise(p.raw, frames));
  const ex = await extract({ pages: [page], text: page.text });
  const g = (await readOcrImage(p.image))!;
  for (const [name, f] of Object.entries(ex.fields)) {
    for (const place of f.handwritten?.places ?? []) {
      if (place.shared) continue;
      const got = slotGlyphs(g, place.box);
      if (typeof got === "string") continue;
      const r = got.map((gl) => classifyDigit(normaliseDigit(gl.ink)));
      console.log(p.file, name, place.slot, r.map((x) => `${x.digit}(${x.confidence.toFixed(3)})`).join(" "), "product", r.reduce((a, x) => a * x.confidence, 1).toFixed(3));
    }
  }
}
