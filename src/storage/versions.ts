// Versions of an archived document (v1 at the document's prefix, vN in `vN/`) and its append-only event log.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ObjectConflictError } from "../errors/storage-errors.js";
import type { ArchiveStore } from "./archive-store.js";
import { assertKey, OBJECT_NAMES } from "./keys.js";

/**
 * Layout below a document prefix `<level>/<unit>/<year>/<docType>/<docId>`:
 *   original.<ext>, document.pdf, metadata.json   version 1, as the pipeline wrote it (never touched again)
 *   v2/document.pdf, v2/metadata.json …           later versions, each complete and self-describing
 *   events/000001.json …                          one write-once object per event (PREMIS-like)
 * A version's metadata.json is written last, so its presence means the version is complete.
 */
export interface VersionKeys {
  version: number;
  pdf: string;
  metadata: string;
}

/** One event of a document's history, in the spirit of PREMIS: who did what, when, to which version, with what result. */
export interface DocumentEvent {
  /** `<docId>/<seq>`: unique within the archive. */
  eventIdentifier: string;
  /** "review.approve", "review.exclude", … */
  eventType: string;
  eventDateTime: string;
  /** The person (login name) or program that acted. */
  linkingAgent: string;
  eventDetail?: string;
  eventOutcome: "success" | "failure";
  /** Version acted on and version made. */
  fromVersion?: number;
  toVersion?: number;
  /** What changed, from what to what. */
  changes?: Array<{ field: string; from: unknown; to: unknown }>;
  /** Keys (and SHA-256) of the objects the event made. */
  objects?: Record<string, string>;
}

const VERSION_DIR = /^v([0-9]+)$/;
const EVENT_NAME = /^([0-9]{6,})\.json$/;

export function versionKeys(prefix: string, version: number): VersionKeys {
  if (!Number.isInteger(version) || version < 1)
    throw new RangeError(`version must be a positive integer, not ${version}`);
  const base = version === 1 ? assertKey(prefix) : `${assertKey(prefix)}/v${version}`;
  return { version, pdf: `${base}/${OBJECT_NAMES.pdf}`, metadata: `${base}/${OBJECT_NAMES.metadata}` };
}

/** The version a key belongs to (1 for the document's own objects), or undefined for events and unrelated keys. */
export function versionOfKey(prefix: string, key: string): number | undefined {
  if (!key.startsWith(`${prefix}/`)) return undefined;
  const rest = key.slice(prefix.length + 1).split("/");
  if (rest.length === 1) return 1;
  const m = rest.length === 2 ? VERSION_DIR.exec(rest[0]!) : null;
  return m ? Number(m[1]) : undefined;
}

/** Complete versions (those with a metadata.json) among `keys` of one document, ascending. */
export function versionsIn(prefix: string, keys: Iterable<string>): number[] {
  const out = new Set<number>();
  for (const key of keys) {
    if (!key.endsWith(`/${OBJECT_NAMES.metadata}`)) continue;
    const v = versionOfKey(prefix, key);
    if (v !== undefined) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The number the next version gets: past every `vN/` that holds anything, so a version left without
 * its metadata.json by an interrupted write (reported by fixity as such) is never written over.
 */
export function nextVersionIn(prefix: string, keys: Iterable<string>): number {
  let max = 0;
  for (const key of keys) max = Math.max(max, versionOfKey(prefix, key) ?? 0);
  return max + 1;
}

export async function listVersions(store: ArchiveStore, prefix: string): Promise<number[]> {
  return versionsIn(prefix, await store.list(`${prefix}/`));
}

export async function readJson<T>(store: ArchiveStore, key: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await store.get(key))) as T;
}

const JSON_TYPE = "application/json";
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2) + "\n");

/**
 * Writes version `version` (≥ 2): the PDF, then the metadata naming it with its checksums. Never
 * overwrites: a version another writer finished first makes ObjectConflictError.
 */
export async function writeVersion(
  store: ArchiveStore,
  prefix: string,
  version: number,
  pdf: Uint8Array,
  metadata: Record<string, unknown> & { checksums?: Record<string, string>; keys?: Record<string, string> },
): Promise<{ keys: VersionKeys; checksums: Record<string, string> }> {
  if (version < 2) throw new RangeError("version 1 is the pipeline's own and is written by the store stage");
  const keys = versionKeys(prefix, version);
  if (await store.head(keys.metadata))
    throw new ObjectConflictError(keys.metadata, "(exists)", "(new version)");
  const put = await store.put(keys.pdf, pdf, {
    contentType: "application/pdf",
    metadata: { version: String(version) },
  });
  const checksums = { ...(metadata.checksums ?? {}), [keys.pdf]: put.sha256 };
  const body = {
    ...metadata,
    version,
    keys: { ...(metadata.keys ?? {}), pdf: keys.pdf, metadata: keys.metadata },
    checksums,
  };
  const meta = await store.put(keys.metadata, encode(body), {
    contentType: JSON_TYPE,
    metadata: { version: String(version) },
  });
  return { keys, checksums: { ...checksums, [keys.metadata]: meta.sha256 } };
}

/** The document's events, oldest first. */
export async function readEvents(store: ArchiveStore, prefix: string): Promise<DocumentEvent[]> {
  const keys = (await store.list(`${prefix}/events/`)).filter((k) =>
    EVENT_NAME.test(k.slice(k.lastIndexOf("/") + 1)),
  );
  return Promise.all(keys.sort().map((k) => readJson<DocumentEvent>(store, k)));
}

/** Appends one event as a new write-once object; a concurrent writer's number is skipped, never replaced. */
export async function appendEvent(
  store: ArchiveStore,
  prefix: string,
  docId: string,
  event: Omit<DocumentEvent, "eventIdentifier">,
): Promise<DocumentEvent> {
  const names = (await store.list(`${prefix}/events/`)).map(
    (k) => EVENT_NAME.exec(k.slice(k.lastIndexOf("/") + 1))?.[1],
  );
  let seq = Math.max(0, ...names.filter((n): n is string => n !== undefined).map(Number)) + 1;
  for (let attempt = 0; attempt < 5; attempt++, seq++) {
    const id = String(seq).padStart(6, "0");
    const full: DocumentEvent = { eventIdentifier: `${docId}/${id}`, ...event };
    try {
      const put = await store.put(`${prefix}/events/${id}.json`, encode(full), { contentType: JSON_TYPE });
      if (!put.existed) return full;
    } catch (error) {
      if (!(error instanceof ObjectConflictError)) throw error;
    }
  }
  throw new ObjectConflictError(`${prefix}/events/`, "(busy)", "(new event)");
}

/**
 * For `sohoa verify`: a document folder of a local archive stands for the PDF of every version in it
 * (document.pdf, v2/document.pdf …, oldest first); any other path stands for itself.
 */
export async function expandVersionFolders(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const isDir = await stat(p).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) {
      out.push(p);
      continue;
    }
    const names = await readdir(p);
    const versions = names
      .map((n) => VERSION_DIR.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]));
    const found = [...(names.includes(OBJECT_NAMES.pdf) ? [1] : []), ...versions.sort((a, b) => a - b)];
    // A folder that is not a document folder is passed on as given, so verify reports it as unreadable.
    if (found.length === 0) out.push(p);
    for (const v of found) out.push(path.join(p, ...(v === 1 ? [] : [`v${v}`]), OBJECT_NAMES.pdf));
  }
  return out;
}
