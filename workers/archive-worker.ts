// Worker entry point: `node dist/workers/archive-worker.js [sohoa worker options]` (or `npx tsx workers/archive-worker.ts`).
import { worker } from "../cli/commands/worker.js";

await worker.parseAsync(process.argv.slice(2), { from: "user" });
