import { copyFile } from "node:fs/promises";
import { NativeOcrEngine } from "../src/ocr/native-engine.js";
// Wraps recognize to copy each OCR input image aside.
const orig = NativeOcrEngine.prototype.recognize;
let i = 0;
NativeOcrEngine.prototype.recognize = async function (image: string, o: any) {
  await copyFile(image, `/tmp/ocrin/${String(i++).padStart(2, "0")}.pgm`);
  return orig.call(this, image, o);
};
const { profileStages } = await import("./stage-profile.js");
const { loadCorpus } = await import("./corpus.js");
const c = loadCorpus("../shared/bench/dev");
await profileStages(c.files, { engine: "native", maxPages: 24 });
