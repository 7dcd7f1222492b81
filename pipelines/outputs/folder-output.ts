// FolderOutput: `sohoa run`'s output, `<out>/<relative path without extension>.txt|.json|.pdf` mirroring the input folder.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { documentMetadata } from "../../src/report/document-metadata.js";
import type { DocumentResult } from "../../src/types.js";
import type { ArchivalPdfResult } from "../archival-pdf.js";
import type { DocumentOutput, WrittenDocument, WrittenKeys } from "./document-output.js";

export class FolderOutput implements DocumentOutput {
  /** @param relative the input's path relative to the folder it was found in; names the outputs. */
  constructor(
    readonly location: string,
    private readonly relative: string,
  ) {}

  async write(doc: DocumentResult, pdf: ArchivalPdfResult | undefined): Promise<WrittenDocument> {
    const stem = this.relative.replace(/\.[^./]+$/, "");
    const keys: WrittenKeys = { text: `${stem}.txt`, metadata: `${stem}.json` };
    await mkdir(path.dirname(path.join(this.location, keys.text!)), { recursive: true });
    await writeFile(path.join(this.location, keys.text!), `${doc.text}\n`);
    if (pdf) {
      keys.pdf = `${stem}.pdf`;
      await writeFile(path.join(this.location, keys.pdf), pdf.bytes);
    }
    const meta = documentMetadata(
      this.relative,
      doc,
      pdf ? { sha256: pdf.sha256, signed: pdf.signed } : undefined,
    );
    await writeFile(path.join(this.location, keys.metadata!), `${JSON.stringify(meta, null, 2)}\n`);
    return { keys, checksums: {}, alreadyStored: false };
  }
}
