#!/usr/bin/env node
// The CLI only assembles commands; each lives in its own file under cli/commands/.
import { Command } from "commander";
import { ExitCode } from "../src/errors/exit-code.js";
import { VERSION } from "../src/version.js";
import { firstUnknownOption, strictUsage, usageExitCode } from "./usage.js";

/**
 * Every command, loaded on demand: a command's module pulls in its whole stack (the queue's
 * Redis and S3 clients, the dashboard's web server …), and `sohoa run` should not wait a
 * second for the ones it never uses. In help order.
 */
const commands: Record<string, () => Promise<Command>> = {
  run: async () => (await import("./commands/run.js")).run,
  enqueue: async () => (await import("./commands/enqueue.js")).enqueue,
  worker: async () => (await import("./commands/worker.js")).worker,
  status: async () => (await import("./commands/status.js")).status,
  retry: async () => (await import("./commands/retry.js")).retry,
  dashboard: async () => (await import("./commands/dashboard.js")).dashboard,
  review: async () => (await import("./commands/review.js")).review,
  fixity: async () => (await import("./commands/fixity.js")).fixity,
  extract: async () => (await import("./commands/extract.js")).extract,
  extractors: async () => (await import("./commands/extractors.js")).extractors,
  eval: async () => (await import("./commands/eval.js")).evalCommand,
  progress: async () => (await import("./commands/progress/index.js")).progress,
  verify: async () => (await import("./commands/verify.js")).verify,
  keys: async () => (await import("./commands/keys.js")).keys,
  separator: async () => (await import("./commands/separator.js")).separator,
  watch: async () => (await import("./commands/watch.js")).watch,
};

const program = new Command()
  .name("sohoa")
  .description("digitize scanned settlement results: OCR, metadata, signed PDF/A, archive, progress")
  .version(VERSION);

// The first word that is not an option names the command; help, typos and no command at all
// get every command, so the help and commander's suggestions stay complete.
const named = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
if (named !== undefined && named !== "help" && !(named in commands)) {
  // Commander would print the main help and exit 0: a typo in a script must fail.
  process.stderr.write(
    `error sohoa:usage: unknown command '${named}'\nhint: commands are ${Object.keys(commands).join(", ")}; see \`sohoa --help\`\n`,
  );
  process.exit(ExitCode.BadArgs);
}
const wanted = named !== undefined && named in commands ? [named] : Object.keys(commands);
for (const name of wanted) program.addCommand(await commands[name]!());

const unknown = firstUnknownOption(program, process.argv.slice(2));
try {
  if (unknown)
    strictUsage(program).error(`error: unknown option '${unknown}'`, {
      code: "commander.unknownOption",
      exitCode: ExitCode.BadArgs,
    });
  await strictUsage(program).parseAsync(process.argv);
} catch (error) {
  const code = usageExitCode(error);
  if (code === undefined) throw error;
  process.exitCode = code;
}
