// Test helper: a local RFC 3161 TSA — `openssl ts -reply` behind a node http server on 127.0.0.1.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { selfSignedRsa } from "./openssl-ca.js";

export interface LocalTsa {
  url: string;
  close(): Promise<void>;
}

/**
 * Makes a self-signed TSA certificate (critical timeStamping EKU) in `dir` and serves timestamps.
 * `replay`: a lying TSA that answers every request with its first token (wrong imprint and nonce).
 */
export async function startLocalTsa(dir: string, options: { replay?: boolean } = {}): Promise<LocalTsa> {
  const key = path.join(dir, "tsa.key");
  const crt = path.join(dir, "tsa.crt");
  const cnf = path.join(dir, "tsa.cnf");
  writeFileSync(
    cnf,
    `[ req ]
distinguished_name = dn
[ dn ]
[ tsa_ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = ${path.join(dir, "tsaserial")}
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  writeFileSync(path.join(dir, "tsaserial"), "01\n");
  selfSignedRsa({ key, cert: crt }, "/CN=sohoa test TSA", ["-config", cnf, "-extensions", "tsa_ext"]);
  let n = 0;
  let first: Buffer | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const q = path.join(dir, `q${++n}.tsq`);
      const r = path.join(dir, `r${n}.tsr`);
      writeFileSync(q, Buffer.concat(chunks));
      try {
        execFileSync(
          "openssl",
          ["ts", "-reply", "-config", cnf, "-queryfile", q, "-signer", crt, "-inkey", key, "-out", r],
          { stdio: "ignore" },
        );
        res.writeHead(200, { "content-type": "application/timestamp-reply" });
        first ??= readFileSync(r);
        res.end(options.replay ? first : readFileSync(r));
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
