// Test helper: a SoftHSM2 token in a temp folder, with keys and certificates imported the way an operator would.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so";

export interface SoftToken {
  label: string;
  pin: string;
  /** Environment with SOFTHSM2_CONF for child processes and for this process (set by `useIn`). */
  conf: string;
  /** Imports a PKCS#8 PEM key and its certificate under `label` / `id` (hex). */
  importKey(keyPem: string, certPem: string, label: string, id: string): void;
}

/** Initialises a token in `dir`; sets SOFTHSM2_CONF in process.env, which the library reads at C_Initialize. */
export function createSoftToken(dir: string, label = "sohoa-test"): SoftToken {
  const tokens = path.join(dir, "tokens");
  mkdirSync(tokens, { recursive: true });
  const conf = path.join(dir, "softhsm2.conf");
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const pin = "246810";
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  execFileSync(
    "softhsm2-util",
    ["--init-token", "--free", "--label", label, "--so-pin", "135790", "--pin", pin],
    { env, stdio: "ignore" },
  );
  return {
    label,
    pin,
    conf,
    importKey(keyPem, certPem, keyLabel, id) {
      execFileSync(
        "softhsm2-util",
        ["--import", keyPem, "--token", label, "--label", keyLabel, "--id", id, "--pin", pin],
        { env, stdio: "ignore" },
      );
      const der = `${certPem}.der`;
      execFileSync("openssl", ["x509", "-in", certPem, "-outform", "DER", "-out", der]);
      execFileSync(
        "pkcs11-tool",
        [
          "--module",
          SOFTHSM_MODULE,
          "--token-label",
          label,
          "--login",
          "--pin",
          pin,
          "--write-object",
          der,
          "--type",
          "cert",
          "--id",
          id,
          "--label",
          keyLabel,
        ],
        { env, stdio: "ignore" },
      );
    },
  };
}
