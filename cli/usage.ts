// Command-line mistakes as usage errors: one message format and exit code 2 for every parser error.
import { Command, CommanderError } from "commander";
import { ExitCode } from "../src/errors/index.js";

/** Commander's own exits that are not errors (help, version). */
const NOT_ERRORS = new Set([
  "commander.helpDisplayed",
  "commander.help",
  "commander.version",
  "commander.executeSubCommandAsync",
]);

/**
 * Makes a command tree throw instead of exiting, and print parser errors as
 * `error sohoa:usage: …` naming the option or argument; added commands do not inherit this.
 */
export function strictUsage(command: Command): Command {
  command.exitOverride();
  command.showSuggestionAfterError(true);
  command.configureOutput({
    outputError: (message, write) => write(`${message.replace(/^error: /, "error sohoa:usage: ")}`),
  });
  for (const sub of command.commands) strictUsage(sub);
  return command;
}

/** Exit code for an error thrown out of parseAsync: 2 for parser errors, 0 for help and version. */
export function usageExitCode(error: unknown): number | undefined {
  if (!(error instanceof CommanderError)) return undefined;
  if (NOT_ERRORS.has(error.code) || error.exitCode === 0) return ExitCode.Ok;
  return ExitCode.BadArgs;
}

/**
 * Commander reports a missing required option before an unknown one, so `--outt x` read as
 * "--out not specified". This finds the first unknown option of the command the words name.
 */
export function firstUnknownOption(root: Command, args: string[]): string | undefined {
  let command = root;
  let expectsValue = false;
  for (const arg of args) {
    if (arg === "--") return undefined;
    if (expectsValue) {
      expectsValue = false;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
      if (sub) command = sub;
      continue;
    }
    const flag = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
    if (["-h", "--help", "-V", "--version"].includes(flag)) return undefined;
    const find = (f: string) => command.options.find((o) => o.long === f || o.short === f);
    if (!arg.startsWith("--") && arg.length > 2) {
      // -j4 (a value attached) or -wv (several flags)
      const first = find(arg.slice(0, 2));
      if (!first) return arg.slice(0, 2);
      if (first.required || first.optional) continue;
      const unknown = [...arg.slice(2)].map((c) => `-${c}`).find((f) => !find(f));
      if (unknown) return unknown;
      continue;
    }
    const option = find(flag);
    if (!option) return flag;
    expectsValue = !arg.includes("=") && (option.required || option.optional);
  }
  return undefined;
}
