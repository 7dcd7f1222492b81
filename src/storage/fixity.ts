// Fixity check: re-read archived objects, recompute SHA-256, compare with what the store and metadata.json recorded.
import { createHash } from "node:crypto";
import { ObjectNotFoundError } from "../errors/storage-errors.js";
import type { ArchiveStore } from "./archive-store.js";
import { assertKey, OBJECT_NAMES } from "./keys.js";
import { readManifest } from "./manifest.js";

export type FixityProblemKind =
  /** The bytes hash to something other than what was recorded. */
  | "mismatch"
  /** An object named by a metadata.json is not in the archive. */
  | "missing"
  /** A document folder holds objects but no metadata.json (or one that cannot be read). */
  | "noMetadata"
  /** A metadata.json names a key that is not a valid archive key (e.g. with `..`): never followed. */
  | "invalidKey";

export interface FixityProblem {
  key: string;
  kind: FixityProblemKind;
  /** Where the expected hash comes from: the store's own record, a document's metadata.json, or a batch manifest. */
  source?: "store" | "metadata" | "manifest";
  expected?: string;
  actual?: string;
  detail?: string;
}

export interface FixityReport {
  prefix: string;
  /** Objects re-read and hashed. */
  objects: number;
  /** Document folders (holding a metadata.json) seen. */
  documents: number;
  bytes: number;
  problems: FixityProblem[];
  /** No problems. */
  ok: boolean;
}

export interface FixityOptions {
  /**
   * Also check against the checksums in the batch manifests (`batches/…`): the only second record of
   * a metadata.json's own hash. @defaultValue true
   */
  manifests?: boolean;
  /** Called after each object is hashed. */
  onObject?: (key: string, done: number, total: number) => void;
}

interface MetadataChecksums {
  checksums?: Record<string, string>;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const folderOf = (key: string) => key.slice(0, key.lastIndexOf("/") + 1);
const nameOf = (key: string) => key.slice(key.lastIndexOf("/") + 1);
const isDocumentObject = (name: string) =>
  name === OBJECT_NAMES.pdf ||
  name === OBJECT_NAMES.metadata ||
  name.startsWith(`${OBJECT_NAMES.original}.`) ||
  name === OBJECT_NAMES.original;

/**
 * Hashes every object under `prefix` and checks it against (1) the SHA-256 the store recorded when it
 * was written and (2) the checksums in its document's metadata.json. Objects a metadata.json names
 * but the archive lacks are "missing"; a document folder without metadata.json is "noMetadata".
 */
export async function checkFixity(
  store: ArchiveStore,
  prefix: string,
  options: FixityOptions = {},
): Promise<FixityReport> {
  const keys = (await store.list(prefix)).sort();
  const listed = new Set(keys);
  const actual = new Map<string, string>();
  const problems: FixityProblem[] = [];
  let bytes = 0;

  for (const [i, key] of keys.entries()) {
    let body: Uint8Array;
    try {
      body = await store.get(key);
    } catch (error) {
      // Deleted between list and get: the same as never there.
      if (error instanceof ObjectNotFoundError) {
        problems.push({ key, kind: "missing", detail: "listed but gone when read" });
        listed.delete(key);
        continue;
      }
      throw error;
    }
    bytes += body.byteLength;
    const sha = sha256(body);
    actual.set(key, sha);
    const recorded = (await store.head(key))?.sha256;
    if (recorded && recorded !== sha)
      problems.push({ key, kind: "mismatch", source: "store", expected: recorded, actual: sha });
    options.onObject?.(key, i + 1, keys.length);
  }

  // Document folders: every one must have a metadata.json, and every checksum in it must hold.
  const folders = new Map<string, string[]>();
  for (const key of listed) {
    if (!isDocumentObject(nameOf(key))) continue;
    const folder = folderOf(key);
    folders.set(folder, [...(folders.get(folder) ?? []), nameOf(key)]);
  }
  let documents = 0;
  for (const [folder, names] of folders) {
    const metaKey = `${folder}${OBJECT_NAMES.metadata}`;
    if (!names.includes(OBJECT_NAMES.metadata)) {
      problems.push({
        key: metaKey,
        kind: "noMetadata",
        detail: `the folder holds ${names.sort().join(", ")} but no ${OBJECT_NAMES.metadata}`,
      });
      continue;
    }
    documents++;
    let meta: MetadataChecksums;
    try {
      meta = JSON.parse(new TextDecoder().decode(await store.get(metaKey))) as MetadataChecksums;
    } catch (error) {
      problems.push({ key: metaKey, kind: "noMetadata", detail: `unreadable: ${(error as Error).message}` });
      continue;
    }
    for (const [key, expected] of Object.entries(meta.checksums ?? {})) {
      if (key === metaKey) continue;
      try {
        assertKey(key);
      } catch (error) {
        problems.push({
          key,
          kind: "invalidKey",
          source: "metadata",
          detail: `named by ${metaKey}: ${(error as Error).message}`,
        });
        continue;
      }
      let got = actual.get(key);
      if (got === undefined && !key.startsWith(prefix)) {
        // Outside the prefix asked for (a key layout that changed): look it up directly.
        const info = await store.head(key);
        got = info ? sha256(await store.get(key)) : undefined;
      }
      if (got === undefined)
        problems.push({ key, kind: "missing", source: "metadata", expected, detail: `named by ${metaKey}` });
      else if (got !== expected && !problems.some((p) => p.key === key && p.kind === "mismatch")) {
        problems.push({ key, kind: "mismatch", source: "metadata", expected, actual: got });
      }
    }
  }
  if (options.manifests !== false) await checkManifests(store, prefix, actual, problems);
  return { prefix, objects: actual.size, documents, bytes, problems, ok: problems.length === 0 };
}

/** Checksums recorded by batch manifests, for the objects under `prefix` that were hashed above. */
async function checkManifests(
  store: ArchiveStore,
  prefix: string,
  actual: Map<string, string>,
  problems: FixityProblem[],
): Promise<void> {
  const batchIds = new Set(
    (await store.list("batches/")).map((k) => k.split("/")[1]).filter((id): id is string => !!id),
  );
  const flagged = new Set(problems.map((p) => p.key));
  for (const batchId of batchIds) {
    for (const record of await readManifest(store, batchId)) {
      if (record.outcome === "failed") continue;
      for (const [key, expected] of Object.entries(record.checksums)) {
        if (!key.startsWith(prefix) || flagged.has(key)) continue;
        const got = actual.get(key);
        if (got === undefined)
          problems.push({
            key,
            kind: "missing",
            source: "manifest",
            expected,
            detail: `named by batch ${batchId}`,
          });
        else if (got !== expected)
          problems.push({
            key,
            kind: "mismatch",
            source: "manifest",
            expected,
            actual: got,
            detail: `batch ${batchId}`,
          });
        else continue;
        flagged.add(key);
      }
    }
  }
}
