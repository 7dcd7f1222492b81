// `sohoa verify <pdf…>`: checks signatures, trust chain and the sidecar SHA-256; non-zero exit on any failure.
import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { z } from "zod";
import { ExitCode, SignatureInvalidError } from "../../src/errors/index.js";
import { certificatesFromPem, verifyPdfFile, type FileReport } from "../../src/signing/verify.js";
import { expandVersionFolders } from "../../src/storage/versions.js";
import { handleError } from "../handle-error.js";

export const verifyOptionsSchema = z.object({
  ca: z.array(z.string().min(1)).default([]),
  json: z.boolean().default(false),
  allowUntrusted: z.boolean().default(false),
});

/** Environment variable naming a PEM bundle of trust anchors, used when no --ca is given. */
export const TRUST_ANCHORS_ENV = "SOHOA_TRUST_ANCHORS";

/** The trust anchor files: --ca, else SOHOA_TRUST_ANCHORS. */
export function trustAnchorFiles(ca: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (ca.length > 0) return ca;
  const fromEnv = env[TRUST_ANCHORS_ENV];
  return fromEnv ? [fromEnv] : [];
}

/** One block per file: verdict, then one line per signature, then the sidecar. */
export function formatReports(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.valid ? "OK  " : "FAIL"}  ${r.file}  sha256 ${r.sha256.slice(0, 16)}…`);
    r.signatures.forEach((s, i) => {
      const trust =
        s.kind === "document-timestamp"
          ? "TSA trust not checked"
          : s.chainTrusted === null
            ? "trust NOT checked (--allow-untrusted)"
            : s.chainTrusted
              ? "trusted"
              : "untrusted";
      const ts = s.timestamp ? `, timestamp ${s.timestamp.time}${s.timestamp.valid ? "" : " INVALID"}` : "";
      const rev = s.revocation
        ? `, ${s.revocation.status}${s.revocation.revokedAtSigningTime ? " AT SIGNING TIME" : ""}` +
          ` per ${s.revocation.source} of ${s.revocation.issuedAt}` +
          (s.revocation.coversSigningTime
            ? " (covers the signing time)"
            : " (issued before the signing time: does not cover it)")
        : s.kind === "document-timestamp"
          ? ""
          : ", no revocation data";
      const what = s.kind === "document-timestamp" ? "document timestamp" : s.level;
      const head = `      #${i + 1} ${s.valid ? "valid" : "INVALID"} ${what}  ${s.signer ?? "?"}  at ${s.signingTime ?? "?"}`;
      lines.push(`${head}  ${trust}${ts}${rev}` + `${s.coversWholeDocument ? "" : "  (earlier revision)"}`);
      for (const e of s.errors) lines.push(`         - ${e}`);
    });
    if (r.sidecar)
      lines.push(
        `      sidecar ${r.sidecar.path}: ${r.sidecar.matches ? "sha256 matches" : "sha256 DIFFERS"}`,
      );
    if (r.original)
      lines.push(
        `      original ${r.original.path}: ` +
          `${r.original.matches ? "sha256 matches the signed sourceSha256" : "sha256 DIFFERS from the signed sourceSha256"}`,
      );
    for (const e of r.errors) lines.push(`      - ${e}`);
  }
  return lines.join("\n") + "\n";
}

export const verify = new Command()
  .name("verify")
  .description("verify the signatures of archived PDFs (and their SHA-256 against a metadata sidecar)")
  .argument("<pdf...>", "signed PDF files, or archived document folders (every version's PDF)")
  .option(
    "--ca <pem>",
    `trusted CA certificate(s), PEM; repeatable (default: the bundle named by ${TRUST_ANCHORS_ENV})`,
    (value: string, all: string[] = []) => [...all, value],
  )
  .option("--allow-untrusted", "check signatures without trust anchors (the chain is then NOT checked)")
  .option("--json", "print the reports as JSON on stdout")
  .action(async (files: string[], raw: unknown) => {
    try {
      const options = verifyOptionsSchema.parse(raw);
      const anchorFiles = trustAnchorFiles(options.ca);
      const trusted = (await Promise.all(anchorFiles.map((f) => readFile(f, "utf8")))).flatMap(
        certificatesFromPem,
      );
      if (trusted.length === 0 && !options.allowUntrusted) {
        const why =
          anchorFiles.length > 0 ? `${anchorFiles.join(", ")} holds no certificate` : "none is configured";
        throw new SignatureInvalidError(
          `no trust anchors: pass --ca <pem>, set ${TRUST_ANCHORS_ENV} to a PEM bundle, or say --allow-untrusted`,
          {
            hint: `Trust is checked by default; ${why}.`,
          },
        );
      }
      const reports: FileReport[] = [];
      for (const file of await expandVersionFolders(files))
        reports.push(await verifyPdfFile(file, trusted.length > 0 ? { trusted } : {}));
      process.stdout.write(options.json ? `${JSON.stringify(reports, null, 2)}\n` : formatReports(reports));
      if (reports.some((r) => !r.valid)) process.exitCode = ExitCode.InvalidOutput;
    } catch (error) {
      handleError(error);
    }
  });
