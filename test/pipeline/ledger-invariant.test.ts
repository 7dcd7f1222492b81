// The live ledger equals the one rebuilt from the archive's manifests, after reviews, re-runs, retries and failures.
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveDocument } from "../../pipelines/archive.js";
import { errorToJson } from "../../src/errors/index.js";
import { silentLogger } from "../../src/logger.js";
import { NullOcrEngine } from "../../src/ocr/index.js";
import { LocalProgressStore, readArchiveManifests, rebuild, type DocLink } from "../../src/progress/index.js";
import { docIdOf, type ArchiveJobInput } from "../../src/queue/job-payload.js";
import { buildArchiveRecord } from "../../src/storage/archive-record.js";
import { sha256File } from "../../src/storage/hash.js";
import { LocalArchiveStore } from "../../src/storage/local-store.js";
import { consolidateManifest, writeManifestEntry } from "../../src/storage/manifest.js";

const byId = (links: DocLink[]) => [...links].sort((a, b) => a.docId.localeCompare(b.docId));

describe("ledger invariant: live counts = rebuilt counts", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sohoa-invariant-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it(
    "holds with review outcomes, a re-run batch, a retried job and a failed file",
    { timeout: 60_000 },
    async () => {
      const scans = path.join(dir, "scans");
      const archive = new LocalArchiveStore(path.join(dir, "archive"));
      const live = await LocalProgressStore.open(path.join(dir, "live"));
      const ocr = new NullOcrEngine();
      const options = { ocr, pdf: false, ledger: live };
      await mkdir(scans, { recursive: true });
      for (const name of (await readdir("fixtures/samples")).filter((n) => !n.endsWith(".jsonl")))
        await copyFile(path.join("fixtures/samples", name), path.join(scans, name));
      await writeFile(
        path.join(scans, "broken.jpg"),
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 1, 2, 3]),
      );

      // What the worker does per job: the real pipeline, then its record in the batch manifest.
      const runJob = async (file: string, batchId: string, unit: string) => {
        const { sha256 } = await sha256File(file);
        const job: ArchiveJobInput = {
          file,
          sha256,
          batchId,
          unit,
          level: "commune",
          year: 2024,
          docId: docIdOf(sha256),
        };
        const workDir = await mkdtemp(path.join(dir, "work-"));
        try {
          await writeManifestEntry(
            archive,
            await archiveDocument(job, options, archive, { workDir, log: silentLogger }),
          );
        } catch (error) {
          await writeManifestEntry(
            archive,
            buildArchiveRecord(job, { error: errorToJson(error, { file }) }, 1),
          );
        }
      };
      const files = (await readdir(scans)).sort().map((n) => path.join(scans, n));
      for (const file of files) await runJob(file, "batch-1", "27001");
      await runJob(files[0]!, "batch-1", "27001"); // a retried job: the document is already archived
      await consolidateManifest(archive, "batch-1");
      // A re-run batch: broken.jpg (sorted first) fails again, two samples are archived again.
      for (const file of files.slice(0, 3)) await runJob(file, "batch-2", "27001");

      const rebuilt = await LocalProgressStore.open(path.join(dir, "rebuilt"));
      const skipped: string[] = [];
      const summary = await rebuild(
        rebuilt,
        readArchiveManifests(archive, {
          onSkip: (_b, file, reason) => skipped.push(`${path.basename(file)}:${reason}`),
        }),
      );

      // Five samples, read by the null engine: no fields, so every one is a `review` document that counts.
      expect(await live.counts()).toEqual([{ unit: "27001", year: 2024, count: 5 }]);
      expect(await rebuilt.counts()).toEqual(await live.counts());
      expect(byId(await rebuilt.links())).toEqual(byId(await live.links()));
      expect(summary).toEqual({ read: 7, documents: 5, cells: 1 });
      expect(skipped).toEqual(["broken.jpg:outcome failed", "broken.jpg:outcome failed"]);
      await Promise.all([live.close(), rebuilt.close(), ocr.close()]);
    },
  );
});
