// `sohoa progress report`: progress of a year per unit and level against a plan, as table, JSON, CSV or HTML.
import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { z } from "zod";
import { LEVELS } from "../../../src/types.js";
import { BadOptionError } from "../../../src/errors/index.js";
import { renderXlsx } from "../../../src/progress/render-xlsx.js";
import {
  buildReports,
  DECISION_468,
  loadPlan,
  renderCsv,
  renderHtml,
  renderJson,
  renderTable,
} from "../../../src/progress/index.js";
import { handleError, parseOptions, storeOptionsSchema, withStore, withStoreOptions } from "./shared.js";

export const reportOptionsSchema = storeOptionsSchema.extend({
  year: z.coerce.number().int().min(2000).max(2100),
  level: z.enum(LEVELS as [string, ...string[]]).optional(),
  unit: z.string().min(1).optional(),
  format: z.enum(["table", "json", "csv", "html", "xlsx"]).default("table"),
  lang: z.enum(["vi", "en"]).default("vi"),
  plan: z.string().min(1).optional(),
  fromYear: z.coerce.number().int().min(2000).max(2100).default(2021),
  out: z.string().min(1).optional(),
});

export const report = withStoreOptions(
  new Command()
    .name("report")
    .description(
      "progress of a year per unit (rolled up commune → district → province → national) and per level",
    )
    .requiredOption("--year <year>", "year to report")
    .option("--level <level>", `only units of this level (${LEVELS.join(", ")})`)
    .option("--unit <code>", "only this unit and the units under it")
    .option("--format <format>", "table, json, csv, html or xlsx (xlsx needs --out)", "table")
    .option("--lang <lang>", "language of the table, HTML and XLSX reports: vi or en", "vi")
    .option("--plan <file>", "plan file (JSON or YAML); default: Decision 468")
    .option("--from-year <year>", "first year of the HTML chart", "2021")
    .option("--out <file>", "write to this file instead of stdout"),
).action(async (raw: unknown) => {
  try {
    const options = parseOptions(reportOptionsSchema, raw);
    const plan = options.plan ? await loadPlan(options.plan) : DECISION_468;
    await withStore(options, async (store) => {
      const history = await buildReports(store, {
        year: options.year,
        plan,
        fromYear:
          options.format === "html" || options.format === "xlsx"
            ? Math.min(options.fromYear, options.year)
            : options.year,
        ...(options.unit ? { unit: options.unit } : {}),
        ...(options.level ? { level: options.level as (typeof LEVELS)[number] } : {}),
      });
      const main = history[history.length - 1]!;
      if (options.format === "xlsx") {
        if (!options.out)
          throw new BadOptionError("--format xlsx writes a binary workbook: give --out <file.xlsx>");
        await writeFile(options.out, await renderXlsx(main, { lang: options.lang }));
        process.stderr.write(`wrote ${options.out}\n`);
        return;
      }
      const text =
        options.format === "json"
          ? renderJson(main)
          : options.format === "csv"
            ? renderCsv(main)
            : options.format === "html"
              ? renderHtml(history, { lang: options.lang })
              : renderTable(main, options.lang);
      if (options.out) {
        await writeFile(options.out, text);
        process.stderr.write(`wrote ${options.out}\n`);
      } else process.stdout.write(text);
    });
  } catch (error) {
    handleError(error);
  }
});
