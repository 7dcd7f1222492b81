// Test helper: a local OpenSSL CA, end-entity keys (RSA, EC) as PEM and PKCS#12, `openssl ocsp` and CRL served on loopback.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { createServer, type Server } from "node:http";
import path from "node:path";

export type KeyKind = "rsa" | "ec-p256" | "ec-p384";

export interface Issued {
  key: string;
  cert: string;
  p12: string;
  serial: string;
}

export interface LocalCa {
  dir: string;
  caCert: string;
  ocspUrl: string;
  crlUrl: string;
  crlFile: string;
  issue(name: string, kind: KeyKind): Issued;
  revoke(issued: Issued): void;
  close(): Promise<void>;
}

/** A self-signed RSA-2048 certificate valid two days: `key` and `cert` written, `extra` added to `openssl req`. */
export function selfSignedRsa(
  files: { key: string; cert: string },
  subject: string,
  extra: string[] = [],
  cwd?: string,
): void {
  const args = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", files.key, "-out", files.cert];
  execFileSync("openssl", [...args, "-days", "2", "-subj", subject, ...extra], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const ssl = (args: string[], cwd: string) =>
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function keyArgs(kind: KeyKind): string[] {
  if (kind === "rsa") return ["-newkey", "rsa:2048"];
  return ["-newkey", "ec", "-pkeyopt", `ec_paramgen_curve:${kind === "ec-p256" ? "P-256" : "P-384"}`];
}

/** `name`.key and `name`.crt in `dir`: a new key and request, signed by the CA of `cnf` with `extensions`. */
function signedByCa(
  dir: string,
  cnf: string,
  o: { name: string; kind: KeyKind; subject: string; extensions: string; utf8?: boolean },
): void {
  const utf8 = o.utf8 ? ["-utf8"] : [];
  const csr = `${o.name}.csr`;
  ssl(
    [
      "req",
      ...keyArgs(o.kind),
      "-nodes",
      "-keyout",
      `${o.name}.key`,
      "-out",
      csr,
      "-subj",
      o.subject,
      ...utf8,
      "-config",
      cnf,
    ],
    dir,
  );
  ssl(
    [
      "ca",
      "-batch",
      "-config",
      cnf,
      "-extensions",
      o.extensions,
      "-in",
      csr,
      "-out",
      `${o.name}.crt`,
      "-notext",
      ...utf8,
    ],
    dir,
  );
}

/** Makes the CA in `dir`, starts the OCSP responder and a CRL server on loopback. */
export async function startLocalCa(dir: string, passphrase: string): Promise<LocalCa> {
  mkdirSync(path.join(dir, "certs"), { recursive: true });
  writeFileSync(path.join(dir, "index.txt"), "");
  writeFileSync(path.join(dir, "serial"), "1000\n");
  writeFileSync(path.join(dir, "crlnumber"), "01\n");
  const ocspPort = await freePort();
  const crlServer: Server = createServer((_req, res) => res.end(readFileSync(path.join(dir, "ca.crl"))));
  await new Promise<void>((resolve) => crlServer.listen(0, "127.0.0.1", resolve));
  const ocspUrl = `http://127.0.0.1:${ocspPort}`;
  const crlUrl = `http://127.0.0.1:${(crlServer.address() as { port: number }).port}/ca.crl`;
  writeFileSync(
    path.join(dir, "ca.cnf"),
    `[ ca ]
default_ca = local
[ local ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/certs
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = $dir/ca.crt
private_key = $dir/ca.key
default_md = sha256
default_days = 30
default_crl_days = 7
policy = any
copy_extensions = none
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
countryName = optional
[ req ]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[ dn ]
[ ca_ext ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ ee_ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:${ocspUrl}
crlDistributionPoints = URI:${crlUrl}
[ ocsp_ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
`,
  );
  const cnf = path.join(dir, "ca.cnf");
  ssl(
    [
      "req",
      "-x509",
      ...keyArgs("rsa"),
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "60",
      "-subj",
      "/C=VN/O=Local test CA/CN=Local test CA",
      "-config",
      cnf,
      "-extensions",
      "ca_ext",
      "-utf8",
    ],
    dir,
  );
  const crl = () => {
    ssl(["ca", "-config", cnf, "-gencrl", "-out", "ca.crl.pem"], dir);
    ssl(["crl", "-in", "ca.crl.pem", "-outform", "DER", "-out", "ca.crl"], dir);
  };
  crl();
  // A delegated responder, as most CAs run it.
  signedByCa(dir, cnf, {
    name: "ocsp",
    kind: "rsa",
    subject: "/CN=Local OCSP responder",
    extensions: "ocsp_ext",
  });

  // `openssl ocsp -port` binds every interface; answering each request with -reqin/-respout keeps it on loopback
  // and re-reads index.txt, so revocations show at once.
  let n = 0;
  const ocspServer: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const q = path.join(dir, `ocsp${++n}.req`);
      const r = path.join(dir, `ocsp${n}.resp`);
      writeFileSync(q, Buffer.concat(chunks));
      try {
        ssl(
          [
            "ocsp",
            "-index",
            "index.txt",
            "-rsigner",
            "ocsp.crt",
            "-rkey",
            "ocsp.key",
            "-CA",
            "ca.crt",
            "-reqin",
            q,
            "-respout",
            r,
            "-nmin",
            "5",
          ],
          dir,
        );
        res.writeHead(200, { "content-type": "application/ocsp-response" });
        res.end(readFileSync(r));
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => ocspServer.listen(ocspPort, "127.0.0.1", resolve));

  const ca: LocalCa = {
    dir,
    caCert: path.join(dir, "ca.crt"),
    ocspUrl,
    crlUrl,
    crlFile: path.join(dir, "ca.crl"),
    issue(name, kind) {
      const key = path.join(dir, `${name}.key`);
      const cert = path.join(dir, `${name}.crt`);
      const p12 = path.join(dir, `${name}.p12`);
      signedByCa(dir, cnf, {
        name,
        kind,
        subject: `/C=VN/O=UBND xã Hòa Bình/CN=${name}`,
        extensions: "ee_ext",
        utf8: true,
      });
      ssl(
        [
          "pkcs12",
          "-export",
          "-inkey",
          key,
          "-in",
          cert,
          "-certfile",
          "ca.crt",
          "-out",
          p12,
          "-passout",
          `pass:${passphrase}`,
        ],
        dir,
      );
      const serial = ssl(["x509", "-in", cert, "-noout", "-serial"], dir)
        .toString()
        .trim()
        .replace("serial=", "");
      return { key, cert, p12, serial };
    },
    revoke(issued) {
      ssl(["ca", "-config", cnf, "-revoke", issued.cert, "-crl_reason", "keyCompromise"], dir);
      crl();
    },
    async close() {
      await new Promise<void>((resolve) => crlServer.close(() => resolve()));
      await new Promise<void>((resolve) => ocspServer.close(() => resolve()));
    },
  };
  return ca;
}
