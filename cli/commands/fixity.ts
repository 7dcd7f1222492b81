// `sohoa fixity <prefix>`: re-reads archived objects and recomputes their SHA-256; non-zero exit on any mismatch or loss.
import { Command } from "commander";
import { z } from "zod";
import { ExitCode } from "../../src/errors/index.js";
import { assertKey } from "../../src/storage/keys.js";
import { checkFixity, openStore, type FixityReport } from "../../src/storage/index.js";
import { handleError } from "../handle-error.js";

export const fixityOptionsSchema = z.object({
  store: z.string().min(1),
  s3Endpoint: z.string().url().optional(),
  s3Region: z.string().optional(),
  json: z.boolean().default(false),
});

/** A verdict line, then one line per problem. */
export function formatFixity(r: FixityReport): string {
  const mb = (r.bytes / 1024 / 1024).toFixed(1);
  const lines = [
    `${r.ok ? "OK  " : "FAIL"}  ${r.prefix || "(whole archive)"}: ` +
      `${r.objects} objects (${mb} MiB) in ${r.documents} documents, ${r.problems.length} problems`,
  ];
  for (const p of r.problems) {
    const hashes = p.expected
      ? `  expected ${p.expected.slice(0, 16)}…${p.actual ? ` got ${p.actual.slice(0, 16)}…` : ""}`
      : "";
    lines.push(
      `      ${p.kind.padEnd(10)} ${p.key}${p.source ? ` (${p.source})` : ""}${hashes}${p.detail ? `  ${p.detail}` : ""}`,
    );
  }
  return lines.join("\n") + "\n";
}

export const fixity = new Command()
  .name("fixity")
  .description(
    "re-read archived objects under a key prefix, recompute SHA-256 and report mismatches and missing objects",
  )
  .argument("[prefix]", "key prefix, e.g. commune/27001/2024 (default: the whole archive)", "")
  .option(
    "--store <spec>",
    "archive: a folder or s3://bucket/prefix (default: SOHOA_STORE)",
    process.env.SOHOA_STORE,
  )
  .option("--s3-endpoint <url>", "S3-compatible endpoint (default: AWS_ENDPOINT_URL_S3)")
  .option("--s3-region <region>", "S3 region (default: AWS_REGION)")
  .option("--json", "print the report as JSON on stdout")
  .action(async (prefix: string, raw: unknown) => {
    try {
      const o = fixityOptionsSchema.parse(raw);
      // A prefix is a key's beginning: its complete segments must be valid key parts.
      const clean = prefix.replace(/^\/+/, "");
      if (clean.replace(/\/+$/, "")) assertKey(clean.replace(/\/+$/, ""));
      const store = openStore(o.store, {
        ...(o.s3Endpoint ? { endpoint: o.s3Endpoint } : {}),
        ...(o.s3Region ? { region: o.s3Region } : {}),
      });
      try {
        const report = await checkFixity(store, clean);
        process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatFixity(report));
        if (!report.ok) process.exitCode = ExitCode.InvalidOutput;
      } finally {
        await store.close?.();
      }
    } catch (error) {
      handleError(error);
    }
  });
