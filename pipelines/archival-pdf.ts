// The document stages after extraction: pdfa → sign, shared by `sohoa run` and the workers.
import type { RevocationSources } from "../src/signing/revocation.js";
import type { Signer } from "../src/signing/signer.js";
import { buildArchivalPdf } from "../src/stages/pdfa.js";
import { signPdf } from "../src/stages/sign.js";
import type { DocumentResult, StageTimings } from "../src/types.js";
import { VERSION } from "../src/version.js";

export interface SigningOptions {
  signer: Signer;
  /** Organisation named in the visible mark. */
  organisation?: string;
  /** RFC 3161 timestamp authority; adds a signature timestamp (PAdES B-T). */
  tsaUrl?: string;
  /** @defaultValue true */
  visibleMark?: boolean;
  reason?: string;
  /** Embed the chain's OCSP responses / CRLs in a DSS after signing (PAdES B-LT, with tsaUrl). */
  revocation?: RevocationSources;
  /** A document timestamp after the DSS (PAdES B-LTA, with tsaUrl). */
  documentTimestamp?: boolean;
}

export interface ArchivalPdfResult {
  bytes: Uint8Array;
  sha256: string;
  signed: boolean;
  timings: StageTimings;
}

/** PDF/A first, signature last (an incremental update), so signing never breaks PDF/A. */
export async function makeArchivalPdf(
  doc: DocumentResult,
  signing?: SigningOptions,
): Promise<ArchivalPdfResult> {
  const timings: StageTimings = {};
  let start = performance.now();
  const archival = await buildArchivalPdf(doc, { producer: `sohoa ${VERSION}`, title: doc.source.name });
  timings.pdfa = Math.round(performance.now() - start);
  if (!signing) return { ...archival, signed: false, timings };
  start = performance.now();
  const signed = await signPdf(archival.bytes, signing.signer, {
    reason: signing.reason ?? "Số hóa kết quả giải quyết thủ tục hành chính",
    visibleMark: signing.visibleMark ?? true,
    ...(signing.organisation ? { organisation: signing.organisation } : {}),
    ...(signing.tsaUrl ? { tsaUrl: signing.tsaUrl } : {}),
    ...(signing.revocation ? { revocation: signing.revocation } : {}),
    ...(signing.documentTimestamp ? { documentTimestamp: true } : {}),
  });
  timings.sign = Math.round(performance.now() - start);
  return { ...signed, signed: true, timings };
}
