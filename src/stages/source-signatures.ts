// Source signatures: who signed a born-signed PDF before it reached sohoa (a ministry, the Government
// portal), and whether the source's bytes are still what they signed. The archival PDF is a new file
// signed by the organisation, so this is where the original's evidence is kept.
import { readFile } from "node:fs/promises";
import { verifySignatures } from "../signing/verify.js";
import type { SourceFile, SourceSignature } from "../types.js";

/** Cheap test before the file is read as text: a signed PDF names its signed byte ranges. */
const BYTE_RANGE = Buffer.from("/ByteRange");

/**
 * The PDF's signatures (document timestamps left out), each checked against the source's own bytes
 * with the certificate it embeds: `intact` when the digest matches and the signature verifies. SHA-1,
 * which older provincial tokens used, is checked and noted. Whose certificate it is, is not judged:
 * sohoa ships no national root certificates.
 */
export async function readSourceSignatures(source: SourceFile): Promise<SourceSignature[]> {
  if (source.mime !== "application/pdf") return [];
  const bytes = await readFile(source.path);
  if (bytes.indexOf(BYTE_RANGE) < 0) return [];
  return verifySignatures(new Uint8Array(bytes), { legacyDigests: true })
    .filter((report) => report.kind === "signature")
    .map((report) => ({
      ...(report.signer ? { signer: report.signer } : {}),
      ...(report.signingTime ? { signedAt: report.signingTime } : {}),
      coversWholeFile: report.coversWholeDocument,
      intact: report.digestMatches && report.signatureValid,
      notes: report.errors.filter((e) => !/ESS signing-certificate/u.test(e)),
    }));
}
