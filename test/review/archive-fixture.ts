// Builds a small signed archive for the review desk tests: the real pipeline (tesseract) on fixtures/samples into a temp store.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ArchiveOutput } from "../../pipelines/outputs/archive-output.js";
import { processDocument } from "../../pipelines/process-document.js";
import { silentLogger } from "../../src/logger.js";
import { createOcrEngine } from "../../src/ocr/index.js";
import { LocalProgressStore } from "../../src/progress/local-store.js";
import { Pkcs12Signer } from "../../src/signing/pkcs12-signer.js";
import type { Signer } from "../../src/signing/signer.js";
import { createTrialKeys } from "../../src/signing/trial-ca.js";
import type { ArchiveStore } from "../../src/storage/archive-store.js";
import { LocalArchiveStore } from "../../src/storage/local-store.js";

export interface TestArchive {
  dir: string;
  store: LocalArchiveStore;
  ledger: LocalProgressStore;
  signer: Signer;
  caPem: string;
  remove: () => Promise<void>;
}

const PASS = "thu-nghiem-review-123";

/** Runs the real pipeline on `samples` (from fixtures/samples) into `store`, signed by `signer`. */
export async function archiveSamples(
  store: ArchiveStore,
  samples: string[],
  options: { engine: "native" | "null"; signer: Signer; ledger?: LocalProgressStore; workRoot: string },
): Promise<void> {
  const ocr = await createOcrEngine({ engine: options.engine, concurrency: 1 });
  try {
    for (const name of samples) {
      const file = path.resolve("fixtures/samples", name);
      const sha256 = createHash("sha256")
        .update(await readFile(file))
        .digest("hex");
      const workDir = path.join(options.workRoot, name);
      await mkdir(workDir, { recursive: true });
      const placement = {
        docId: sha256.slice(0, 16),
        sha256,
        batchId: "lo-2024-01",
        file,
        unit: "27001",
        level: "commune" as const,
        year: 2024,
      };
      await processDocument(
        file,
        {
          ocr,
          signing: { signer: options.signer },
          ...(options.ledger ? { ledger: options.ledger } : {}),
          unit: { unit: "27001", level: "commune", year: 2024 },
        },
        new ArchiveOutput(store, placement),
        { workDir, log: silentLogger },
      );
    }
  } finally {
    await ocr.close();
  }
}

/** Trial keys (a CA and an organisation certificate) made by the signing code, and the signer. */
export async function trialSigner(dir: string): Promise<{ signer: Signer; caPem: string }> {
  const keys = await createTrialKeys({
    organisation: "UBND xã Thử Nghiệm",
    outDir: path.join(dir, "keys"),
    passphrase: PASS,
    keyType: "ec-p256",
  });
  return { signer: await Pkcs12Signer.fromFile(keys.p12Path, PASS), caPem: keys.caPemPath };
}

/** `null` OCR (no text layer) keeps tests that only need versions fast; the browser test reads with tesseract. */
export async function buildTestArchive(
  samples: string[],
  engine: "native" | "null" = "native",
): Promise<TestArchive> {
  const dir = await mkdtemp(path.join(tmpdir(), "sohoa-review-test-"));
  const { signer, caPem } = await trialSigner(dir);
  const store = new LocalArchiveStore(path.join(dir, "archive"));
  const ledger = await LocalProgressStore.open(path.join(dir, "ledger"));
  await archiveSamples(store, samples, { engine, signer, ledger, workRoot: path.join(dir, "work") });
  return { dir, store, ledger, signer, caPem, remove: () => rm(dir, { recursive: true, force: true }) };
}
