import { readFileSync } from "node:fs";
import sharp from "sharp";
import { slotGlyphs } from "../src/handwriting/slot-glyphs.js";
import { readGlyphs } from "../src/handwriting/read-glyphs.js";
for (const n of [1, 2, 3, 4, 5]) {
  const h = readFileSync(`/tmp/0000${n}.hocr`, "utf8");
  const tif = (await import("node:child_process")).execSync(`ls /tmp/hw2/work/0000${n}/*ocr.tif | head -1`).toString().trim();
  const { data, info } = await sharp(tif).greyscale().raw().toBuffer({ resolveWithObject: true });
  const g = { data, width: info.width, height: info.height };
  const words = [...h.matchAll(/<span class='ocrx_word'[^>]*title='bbox (\d+) (\d+) (\d+) (\d+)[^']*'>(.*?)<\/span>\s*(?=<span class='ocrx_word'|<\/span>)/gs)];
  words.forEach((m, i) => {
    const chars = [...m[5]!.matchAll(/<span class='ocrx_cinfo' title='x_bboxes (\d+) (\d+) (\d+) (\d+)[^']*'>([^<]*)<\/span>/g)];
    const txt = chars.map((c) => c[5]).join("");
    if (!/^ngày\S*\d/iu.test(txt)) return;
    let k = 0, acc = "";
    for (; k < chars.length; k++) { acc += chars[k]![5]; if (/^ngày[,.]?$/iu.test(acc) && !/^[,.]$/.test(chars[k + 1]?.[5] ?? "")) break; }
    const x0 = Number(chars[k]![3]);
    const next = words[i + 1];
    const x1 = next ? Number(next[1]) : Number(m[3]);
    const box = { x0, y0: Number(m[2]), x1, y1: Number(m[4]) };
    const r = slotGlyphs(g, box);
    console.log(n, txt, JSON.stringify(box), typeof r === "string" ? r : JSON.stringify(readGlyphs(r)));
  });
}
