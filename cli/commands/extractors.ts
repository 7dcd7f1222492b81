// `sohoa extractors list`: the registered document types and their fields.
import { Command } from "commander";
import { z } from "zod";
import { table } from "../../src/eval/format.js";
import { loadExtractors } from "../../src/extractors/load.js";
import { handleError } from "../handle-error.js";

export const extractorsListOptionsSchema = z.object({ json: z.boolean().default(false) });

const list = new Command()
  .name("list")
  .description("list the document types sohoa recognises, with their fields")
  .option("--json", "print JSON (the default when stdout is not a terminal)")
  .action(async (raw: unknown) => {
    try {
      const options = extractorsListOptionsSchema.parse(raw);
      const all = await loadExtractors();
      const rows = [...all.values()].map(({ meta }) => ({
        docType: meta.docType,
        title: meta.docs.title,
        description: meta.docs.description,
        fields: Object.entries(meta.fields).map(([name, s]) => ({
          name,
          type: s.type,
          format: s.format,
          required: s.required,
        })),
      }));
      if (options.json || process.stdout.isTTY !== true) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        table([
          ["docType", "title", "required fields", "optional fields"],
          ...rows.map((r) => [
            r.docType,
            r.title,
            r.fields
              .filter((f) => f.required)
              .map((f) => f.name)
              .join(", "),
            r.fields
              .filter((f) => !f.required)
              .map((f) => f.name)
              .join(", "),
          ]),
        ]),
      );
    } catch (error) {
      handleError(error);
    }
  });

export const extractors = new Command()
  .name("extractors")
  .description("document-type extractors")
  .addCommand(list);
