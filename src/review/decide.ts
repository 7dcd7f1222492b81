// A reviewer's decision becomes a new signed version and an event; the previous version is only read.
import { signPdf } from "../stages/sign.js";
import type { Signer } from "../signing/signer.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import {
  appendEvent,
  nextVersionIn,
  readJson,
  versionKeys,
  versionsIn,
  writeVersion,
  type DocumentEvent,
} from "../storage/versions.js";
import type { FieldValue, Fields } from "../types.js";
import { VERSION } from "../version.js";
import { reviseArchivalPdf } from "./revise-pdf.js";

export type ReviewAction = "approve" | "exclude";

export interface Decision {
  action: ReviewAction;
  /** Corrected document type; the fields then follow its schema. */
  docType?: string;
  /** Field values as the clerk left them; an empty string removes the field. */
  fields?: Record<string, string>;
  /** Quarter turns clockwise by page index. */
  turns?: Record<number, number>;
  note?: string;
}

/** What the archive's metadata.json of a document holds that a review reads or changes. */
export interface StoredMetadata {
  docId: string;
  sha256: string;
  sourceSha256?: string;
  file: string;
  unit: string;
  level: string;
  year?: number;
  batchId?: string;
  docType: string;
  fields: Fields;
  needsReview: boolean;
  reviewReasons: string[];
  keys: Record<string, string>;
  checksums: Record<string, string>;
  version?: number;
  review?: { action: ReviewAction; by: string; at: string; fromVersion: number; note?: string };
  [extra: string]: unknown;
}

export interface DecisionContext {
  store: ArchiveStore;
  signer?: Signer;
  organisation?: string;
  user: string;
  now?: Date;
}

export interface DecisionResult {
  version: number;
  metadata: StoredMetadata;
  event: DocumentEvent;
  timings: { pdfa: number; sign: number; store: number };
}

/** The clerk's value replaces the read one as certain; an unchanged value keeps what was read. */
function correctedFields(before: Fields, given: Record<string, string> | undefined): Fields {
  if (!given) return before;
  const out: Fields = {};
  for (const [name, raw] of Object.entries(given)) {
    // Control characters cannot go into the XMP, so they cannot go into the metadata that must agree with it.
    const value = raw.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
    if (value === "") continue;
    const old = before[name];
    if (old && String(old.value) === value) out[name] = old;
    else out[name] = { value, confidence: 1, valid: true } satisfies FieldValue;
  }
  return out;
}

function changesOf(
  before: StoredMetadata,
  after: StoredMetadata,
  turns: Record<number, number> | undefined,
): DocumentEvent["changes"] {
  const changes: NonNullable<DocumentEvent["changes"]> = [];
  if (before.docType !== after.docType)
    changes.push({ field: "docType", from: before.docType, to: after.docType });
  for (const name of new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])) {
    const from = before.fields[name]?.value;
    const to = after.fields[name]?.value;
    if (from !== to) changes.push({ field: `fields.${name}`, from: from ?? null, to: to ?? null });
  }
  for (const [page, t] of Object.entries(turns ?? {}))
    if (t % 4 !== 0) changes.push({ field: `pages.${page}.rotation`, from: 0, to: 90 * t });
  if (before.needsReview !== after.needsReview)
    changes.push({ field: "needsReview", from: before.needsReview, to: after.needsReview });
  return changes;
}

const ms = (start: number) => Math.round(performance.now() - start);

/** Reads the latest version of the document at `prefix`, writes version n+1 and its event. */
export async function applyDecision(
  prefix: string,
  decision: Decision,
  ctx: DecisionContext,
): Promise<DecisionResult> {
  const { store } = ctx;
  const at = ctx.now ?? new Date();
  const keys = await store.list(`${prefix}/`);
  const latest = versionsIn(prefix, keys).at(-1);
  if (latest === undefined) throw new Error(`${prefix}: no metadata.json: not an archived document`);
  const from = versionKeys(prefix, latest);
  const before = await readJson<StoredMetadata>(store, from.metadata);
  const fields = correctedFields(before.fields, decision.fields);
  const docType = decision.docType?.trim() || before.docType;

  let start = performance.now();
  const unsigned = await reviseArchivalPdf(await store.get(from.pdf), {
    docType,
    fields,
    needsReview: false,
    sourceName: before.file,
    sourceSha256: before.sourceSha256 ?? before.sha256,
    ...(decision.turns ? { turns: decision.turns } : {}),
    producer: `sohoa ${VERSION}`,
    at,
  });
  const pdfa = ms(start);
  start = performance.now();
  const pdf = ctx.signer
    ? await signPdf(unsigned.bytes, ctx.signer, {
        reason:
          decision.action === "approve" ? "Phê duyệt sau kiểm tra" : "Không phải kết quả giải quyết TTHC",
        visibleMark: true,
        signingTime: at,
        ...(ctx.organisation ? { organisation: ctx.organisation } : {}),
      })
    : unsigned;
  const sign = ms(start);
  start = performance.now();

  const version = nextVersionIn(prefix, keys);
  const keep = Object.fromEntries(
    Object.entries(before.checksums).filter(([k]) => k === before.keys.original),
  );
  const after: StoredMetadata = {
    ...before,
    docType,
    fields,
    needsReview: false,
    reviewReasons: [],
    pdfSha256: pdf.sha256,
    pdfSigned: ctx.signer !== undefined,
    keys: before.keys.original ? { original: before.keys.original } : {},
    checksums: keep,
    review: {
      action: decision.action,
      by: ctx.user,
      at: at.toISOString(),
      fromVersion: latest,
      ...(decision.note ? { note: decision.note } : {}),
    },
  };
  const written = await writeVersion(store, prefix, version, pdf.bytes, after);
  const metadata = await readJson<StoredMetadata>(store, written.keys.metadata);
  const event = await appendEvent(store, prefix, before.docId, {
    eventType: `review.${decision.action}`,
    eventDateTime: at.toISOString(),
    linkingAgent: ctx.user,
    eventDetail:
      decision.action === "approve"
        ? "approved after review; PDF/A rebuilt and signed"
        : "marked not a settlement result",
    eventOutcome: "success",
    fromVersion: latest,
    toVersion: version,
    changes: changesOf(before, after, decision.turns),
    objects: {
      [written.keys.pdf]: pdf.sha256,
      [written.keys.metadata]: written.checksums[written.keys.metadata]!,
    },
  });
  return { version, metadata, event, timings: { pdfa, sign, store: ms(start) } };
}
