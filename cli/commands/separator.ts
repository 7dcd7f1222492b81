// `sohoa separator`: prints QR separator sheets that a clerk puts before each document of a stack.
import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { z } from "zod";
import { BadOptionError } from "../../src/errors/index.js";
import { isDossierCode } from "../../src/extractors/parsers/dossier-code.js";
import type { SeparatorLink } from "../../src/separator/payload.js";
import { separatorSheetPdf } from "../../src/separator/sheet-pdf.js";
import { handleError } from "../handle-error.js";

export const separatorOptionsSchema = z.object({
  dossier: z.array(z.string().trim().min(1)).min(1),
  unit: z.string().trim().min(1).optional(),
  type: z.string().trim().min(1).optional(),
  out: z.string().min(1),
});

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const separator = new Command()
  .name("separator")
  .description(
    "print separator sheets (QR code + dossier code) to put before each document of a scanned stack",
  )
  .requiredOption("--dossier <code>", "dossier code (mã hồ sơ); repeat for one sheet per dossier", collect)
  .option("--unit <code>", "unit code written on the sheet and given to the documents")
  .option("--type <docType>", "document type given to the documents (decision, birth_extract, …)")
  .requiredOption("--out <file>", "PDF file to write")
  .action(async (raw: unknown) => {
    try {
      const parsed = separatorOptionsSchema.safeParse(raw);
      if (!parsed.success)
        throw new BadOptionError(
          parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "),
        );
      const o = parsed.data;
      const links: SeparatorLink[] = o.dossier.map((code) => {
        const dossierCode = code.toUpperCase();
        if (!isDossierCode(dossierCode)) {
          throw new BadOptionError(`--dossier: not a dossier code: "${code}"`, {
            hint: "e.g. 000.00.00.H49-210315-0001 or H55.242-260125-010001",
          });
        }
        return { dossierCode, ...(o.unit ? { unit: o.unit } : {}), ...(o.type ? { docType: o.type } : {}) };
      });
      await writeFile(o.out, await separatorSheetPdf(links));
      process.stderr.write(`wrote ${o.out} (${links.length} sheet${links.length > 1 ? "s" : ""})\n`);
    } catch (error) {
      handleError(error);
    }
  });
