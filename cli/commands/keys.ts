// `sohoa keys create`: a trial CA and an organisation certificate (.p12 + ca.pem) for trials and tests.
import { existsSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { SigningKeyError } from "../../src/errors/signing-errors.js";
import { readPassphrase } from "../../src/signing/pkcs12-signer.js";
import { createTrialKeys } from "../../src/signing/trial-ca.js";
import { handleError } from "../handle-error.js";

export const keysCreateOptionsSchema = z.object({
  org: z.string().trim().min(1),
  out: z.string().min(1),
  passphraseFile: z.string().optional(),
  days: z.coerce.number().int().positive().default(365),
  force: z.boolean().default(false),
  keyType: z.enum(["rsa", "ec-p256", "ec-p384"]).default("rsa"),
});

const create = new Command()
  .name("create")
  .description("make a TRIAL CA and an organisation certificate signed by it (not for production)")
  .requiredOption("--org <name>", "organisation name, as it should appear in the signature mark")
  .requiredOption("--out <dir>", "folder for org.p12, org.pem and ca.pem")
  .option("--passphrase-file <file>", "file holding the .p12 passphrase (else SOHOA_SIGNING_PASSPHRASE)")
  .option("--days <n>", "validity of the organisation certificate in days", "365")
  .option("--key-type <type>", "rsa (2048), ec-p256 or ec-p384, for the CA and the organisation", "rsa")
  .option(
    "--force",
    "replace existing org.p12, org.pem and ca.pem (PDFs signed with the old CA stop verifying against the new one)",
  )
  .action(async (raw: unknown) => {
    try {
      const options = keysCreateOptionsSchema.parse(raw);
      const existing = ["org.p12", "org.pem", "ca.pem"]
        .map((f) => path.join(options.out, f))
        .filter((f) => existsSync(f));
      if (existing.length > 0 && !options.force) {
        throw new SigningKeyError(existing[0]!, "exists already; keys create will not overwrite it", {
          hint: "Choose another --out, or pass --force to replace the keys (earlier PDFs then verify only against the old ca.pem).",
        });
      }
      const passphrase = await readPassphrase(`${options.out}/org.p12`, {
        passphraseFile: options.passphraseFile,
      });
      const keys = await createTrialKeys({
        organisation: options.org,
        outDir: options.out,
        passphrase,
        validDays: options.days,
        keyType: options.keyType,
      });
      process.stdout.write(`${keys.p12Path}\n${keys.certPemPath}\n${keys.caPemPath}\n`);
    } catch (error) {
      handleError(error);
    }
  });

export const keys = new Command().name("keys").description("signing keys for trials").addCommand(create);
