import fs from "node:fs";
import sharp from "sharp";
import { readOcrImage } from "../src/imaging/ocr-image.js";
import { findFramesIn } from "../src/ocr/frames.js";
import { correctPage } from "../src/stages/correct.js";
import { splitNoise } from "../src/stages/denoise.js";
import { extract } from "../src/stages/extract.js";
import { slotGlyphs } from "../src/handwriting/slot-glyphs.js";
import type { CachedPage } from "./text-cache.js";

const pages = (JSON.parse(fs.readFileSync("/tmp/tc/cache.json", "utf8")) as CachedPage[]).filter((p) => p.set === "real");
fs.mkdirSync("/tmp/glyphs", { recursive: true });
for (const p of pages) {
  const frames = await findFramesIn(p.image, { dpi: p.dpi ?? 300 });
  const page = correctPage(splitNoise(p.raw, frames));
  const ex = await extract({ pages: [page], text: page.text });
  const g = (await readOcrImage(p.image))!;
  for (const [name, f] of Object.entries(ex.fields)) {
    if (!f.handwritten) continue;
    console.log(p.file, name, f.value, JSON.stringify(f.handwritten.places ?? []));
    for (const place of f.handwritten.places ?? []) {
      const got = slotGlyphs(g, place.box);
      if (typeof got === "string") { console.log("  ", place.slot, "refused", got); continue; }
      console.log("  ", place.slot, got.length, "glyphs", got.map((x) => `${x.ink.width}x${x.ink.height}`).join(" "));
      let i = 0;
      for (const gl of got) {
        await sharp(Buffer.from(gl.ink.data.map((v) => 255 - v)), { raw: { width: gl.ink.width, height: gl.ink.height, channels: 1 } })
          .png().toFile(`/tmp/glyphs/${p.file.slice(0, 6)}-${place.slot}-${i++}.png`);
      }
    }
  }
}
