#!/usr/bin/env node
// The CLI only assembles commands; each lives in its own file under cli/commands/.
import { Command } from "commander";
import { VERSION } from "../src/version.js";
import { dashboard } from "./commands/dashboard.js";
import { enqueue } from "./commands/enqueue.js";
import { evalCommand } from "./commands/eval.js";
import { extract } from "./commands/extract.js";
import { extractors } from "./commands/extractors.js";
import { fixity } from "./commands/fixity.js";
import { keys } from "./commands/keys.js";
import { progress } from "./commands/progress/index.js";
import { retry } from "./commands/retry.js";
import { run } from "./commands/run.js";
import { status } from "./commands/status.js";
import { verify } from "./commands/verify.js";
import { worker } from "./commands/worker.js";

const program = new Command()
  .name("sohoa")
  .description("digitize scanned settlement results: OCR, metadata, signed PDF/A, archive, progress")
  .version(VERSION)
  .addCommand(run)
  .addCommand(enqueue)
  .addCommand(worker)
  .addCommand(status)
  .addCommand(retry)
  .addCommand(dashboard)
  .addCommand(fixity)
  .addCommand(extract)
  .addCommand(extractors)
  .addCommand(evalCommand)
  .addCommand(progress)
  .addCommand(verify)
  .addCommand(keys);

await program.parseAsync(process.argv);
