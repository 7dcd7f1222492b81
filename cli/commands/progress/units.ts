// `sohoa progress units import`: the registry of administrative units with parents and successors.
import { Command } from "commander";
import { z } from "zod";
import { readUnitsCsv } from "../../../src/progress/index.js";
import { handleError, parseOptions, storeOptionsSchema, withStore, withStoreOptions } from "./shared.js";

export const unitsImportOptionsSchema = storeOptionsSchema.extend({ file: z.string().min(1) });

const unitsImport = withStoreOptions(
  new Command()
    .name("import")
    .description(
      "replace the unit registry (columns code,name,level,parent[,validFrom][,successors][,successionDate])",
    )
    .argument("<csv>", "CSV file with a header line"),
).action(async (file: string, raw: Record<string, unknown>) => {
  try {
    const options = parseOptions(unitsImportOptionsSchema, { ...raw, file });
    const list = await readUnitsCsv(options.file);
    await withStore(options, (store) => store.saveUnits(list));
    process.stdout.write(`${JSON.stringify({ units: list.length })}\n`);
  } catch (error) {
    handleError(error);
  }
});

export const units = new Command().name("units").description("administrative units").addCommand(unitsImport);
