// `sohoa progress plan show`: the targets a plan gives per level and year.
import { Command } from "commander";
import { z } from "zod";
import { DECISION_468, loadPlan, planTable } from "../../../src/progress/index.js";
import { LEVELS } from "../../../src/types.js";
import { handleError, parseOptions } from "./shared.js";

export const planShowOptionsSchema = z.object({
  plan: z.string().min(1).optional(),
  from: z.coerce.number().int().min(2000).max(2100).default(2021),
  to: z.coerce.number().int().min(2000).max(2100).default(2026),
  format: z.enum(["table", "json"]).default("table"),
});

const planShow = new Command()
  .name("show")
  .description("print the target per level and year (default plan: Decision 468)")
  .option("--plan <file>", "plan file (JSON or YAML)")
  .option("--from <year>", "first year", "2021")
  .option("--to <year>", "last year", "2026")
  .option("--format <format>", "table or json", "table")
  .action(async (raw: unknown) => {
    try {
      const options = parseOptions(planShowOptionsSchema, raw);
      const plan = options.plan ? await loadPlan(options.plan) : DECISION_468;
      const rows = planTable(plan, options.from, options.to);
      if (options.format === "json") {
        process.stdout.write(`${JSON.stringify({ plan, targets: rows }, null, 2)}\n`);
        return;
      }
      const lines = [plan.name, ["year", ...LEVELS].map((c) => c.padStart(11)).join("")];
      for (const r of rows)
        lines.push(
          [String(r.year), ...LEVELS.map((l) => (r.targets[l] === undefined ? "–" : `${r.targets[l]}%`))]
            .map((c) => c.padStart(11))
            .join(""),
        );
      process.stdout.write(`${lines.join("\n")}\n`);
    } catch (error) {
      handleError(error);
    }
  });

export const plan = new Command()
  .name("plan")
  .description("plans (targets per level and year)")
  .addCommand(planShow);
