import { readImageInfo } from "../src/ingest/image-info.js";
import { readdirSync } from "node:fs";
const d = "../shared/bench/dev/scans/";
for (const f of readdirSync(d).filter((f) => !f.endsWith(".pdf")))
  console.log(f, (await readImageInfo(d + f, 0)).colour);
