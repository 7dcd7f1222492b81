#!/usr/bin/env node
// The CLI only assembles commands; each lives in its own file under cli/commands/.
import { Command } from "commander";
import { VERSION } from "../src/version.js";
import { run } from "./commands/run.js";

const program = new Command()
  .name("sohoa")
  .description("digitize scanned settlement results: OCR, metadata, signed PDF/A, archive, progress")
  .version(VERSION)
  .addCommand(run);

await program.parseAsync(process.argv);
