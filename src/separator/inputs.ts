// Expands a batch's stack files into their documents, each carrying the link from its separator sheet.
import path from "node:path";
import type { Limits } from "../limits.js";
import type { Logger } from "../logger.js";
import type { DocumentResult } from "../types.js";
import type { InputFile } from "../util/walk.js";
import type { SeparatorLink } from "./payload.js";
import { splitStack } from "./split-stack.js";

/** An input of the batch: a file as found, or one document cut out of a stack. */
export interface LinkedInput extends InputFile {
  link?: SeparatorLink;
  /** The stack could not be split: reported as this file's failure, the batch goes on. */
  error?: unknown;
  /** The stack this document was cut from, and its pages there (1-based). */
  stack?: { file: string; pages: number[] };
}

const STACKS = /\.(pdf|tiff?)$/i;

/**
 * Splits every PDF and TIFF into its documents (`<stem>/001.pdf` …). A file with no sheet (or no
 * blank page) is kept as it is, so its identity stays the SHA-256 of the original.
 */
export async function separateInputs(
  files: InputFile[],
  workDir: string,
  mode: "qr" | "blank",
  log: Logger,
  limits: Limits,
): Promise<LinkedInput[]> {
  const out: LinkedInput[] = [];
  for (const [i, file] of files.entries()) {
    if (!STACKS.test(file.path)) {
      out.push(file);
      continue;
    }
    try {
      const dir = path.join(workDir, String(i + 1).padStart(5, "0"));
      const split = await splitStack(
        file.path,
        dir,
        mode,
        { workDir: dir, log: log.child({ file: file.relative }) },
        limits,
      );
      if (split.dropped.length === 0 && split.documents.length <= 1) {
        out.push(file);
        continue;
      }
      const stem = file.relative.replace(/\.[^./]+$/, "");
      for (const [n, d] of split.documents.entries()) {
        const doc: LinkedInput = {
          path: d.path,
          relative: `${stem}/${String(n + 1).padStart(3, "0")}.pdf`,
          stack: { file: file.relative, pages: d.pages.map((p) => p + 1) },
        };
        if (d.link) doc.link = d.link;
        out.push(doc);
      }
      log.info(
        {
          file: file.relative,
          pages: split.pages,
          documents: split.documents.length,
          dropped: split.dropped.length,
        },
        "stack split",
      );
    } catch (error) {
      out.push({ ...file, error });
    }
  }
  return out;
}

/** Gives a document what its sheet says: the dossier code (certain: the clerk printed it) and the type. */
export function applyLink(doc: DocumentResult, link: SeparatorLink): void {
  doc.extraction.fields.dossierCode = { value: link.dossierCode, confidence: 1, valid: true };
  if (link.docType) doc.extraction.docType = link.docType;
}
