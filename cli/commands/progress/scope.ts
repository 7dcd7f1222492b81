// `sohoa progress scope set|import`: valid results in scope per unit and year, or a dossier list.
import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { z } from "zod";
import { readDossiersCsv, readScopeCsv } from "../../../src/progress/index.js";
import { handleError, parseOptions, storeOptionsSchema, withStore, withStoreOptions } from "./shared.js";

export const scopeSetOptionsSchema = storeOptionsSchema.extend({
  unit: z.string().min(1),
  year: z.coerce.number().int().min(2000).max(2100),
  count: z.coerce.number().int().min(0),
});

const scopeSet = withStoreOptions(
  new Command()
    .name("set")
    .description("set the number of valid results in scope of a unit and year")
    .requiredOption("--unit <code>", "unit code")
    .requiredOption("--year <year>", "year")
    .requiredOption("--count <n>", "valid results in scope"),
).action(async (raw: unknown) => {
  try {
    const options = parseOptions(scopeSetOptionsSchema, raw);
    await withStore(options, (store) => store.setScope(options.unit, options.year, options.count));
    process.stdout.write(
      `${JSON.stringify({ unit: options.unit, year: options.year, scope: options.count })}\n`,
    );
  } catch (error) {
    handleError(error);
  }
});

export const scopeImportOptionsSchema = storeOptionsSchema.extend({ file: z.string().min(1) });

const scopeImport = withStoreOptions(
  new Command()
    .name("import")
    .description("import scope (columns unit,year,count) or a dossier list (columns dossierCode,unit[,year])")
    .argument("<csv>", "CSV file with a header line"),
).action(async (file: string, raw: Record<string, unknown>) => {
  try {
    const options = parseOptions(scopeImportOptionsSchema, { ...raw, file });
    const header = (await readFile(options.file, "utf8")).replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
    const isDossierList = header.split(",").some((c) => c.trim().replace(/"/g, "") === "dossierCode");
    await withStore(options, async (store) => {
      if (isDossierList) {
        const entries = await readDossiersCsv(options.file);
        await store.addDossiers(entries);
        process.stdout.write(`${JSON.stringify({ dossiers: entries.length })}\n`);
      } else {
        const rows = await readScopeCsv(options.file);
        for (const r of rows) await store.setScope(r.unit, r.year, r.count);
        process.stdout.write(`${JSON.stringify({ scopeRows: rows.length })}\n`);
      }
    });
  } catch (error) {
    handleError(error);
  }
});

export const scope = new Command()
  .name("scope")
  .description("valid results in scope (the denominator)")
  .addCommand(scopeSet)
  .addCommand(scopeImport);
