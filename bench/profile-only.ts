// `npx tsx bench/profile-only.ts [corpus] [pages] [engine]`: the per-stage CPU profile alone (what `npm run bench` prints),
// without the peers: for quick before/after checks of one stage's cost.
import { resolve } from "node:path";
import { loadCorpus } from "./corpus.js";
import { profileStages } from "./stage-profile.js";

const corpus = loadCorpus(resolve(process.argv[2] ?? "../shared/bench/dev"));
const profile = await profileStages(corpus.files, {
  engine: process.argv[4] ?? "auto",
  maxPages: Number(process.argv[3] ?? 24),
});
for (const [stage, cost] of Object.entries(profile.stages))
  console.log(
    `${stage.padEnd(10)} ${cost.cpuPerPage.toFixed(3)} CPU s/page  ${cost.wallPerPage.toFixed(3)} wall`,
  );
console.log(
  `around OCR ${profile.aroundOcrCpuPerPage.toFixed(3)} CPU s/page; errors ${profile.errors.length}`,
);
