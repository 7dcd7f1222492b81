// The DER rules the ASN.1 schemas leave to sohoa: SET OF sorted by encodings, and the signed attributes written so.
import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { signedAttributes } from "../../src/signing/cms.js";
import { OID, derSetOf, firstObject } from "../../src/signing/der.js";

const hex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));

/** A throwaway self-signed P-256 certificate with a UTF-8 name, made by openssl. */
function certificate(): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), "sohoa-der-"));
  try {
    const out = path.join(dir, "c.pem");
    const args = [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
    ];
    const run = spawnSync("openssl", [
      ...args,
      path.join(dir, "k.pem"),
      "-out",
      out,
      "-subj",
      "/CN=Sở Nội vụ",
      "-utf8",
    ]);
    expect(run.status).toBe(0);
    return new Uint8Array(new X509Certificate(readFileSync(out)).raw);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("derSetOf", () => {
  it("sorts elements by their whole encodings and wraps them in a SET", () => {
    const set = derSetOf([hex("0403020202"), hex("0402ffff"), hex("040101")]);
    expect(Buffer.from(set).toString("hex")).toBe("310c" + "040101" + "0402ffff" + "0403020202");
  });

  it("writes long-form lengths past 127 bytes", () => {
    const big = new Uint8Array(200).fill(0x05);
    big.set([0x04, 0x81, 197]);
    const set = derSetOf([big]);
    expect(Buffer.from(set.subarray(0, 3)).toString("hex")).toBe("3181c8");
    expect(set.length).toBe(203);
  });
});

describe("signed attributes", () => {
  it("are content-type, message-digest and signing-certificate-v2, no signing-time, in DER order", () => {
    const der = signedAttributes(new Uint8Array(32).fill(9), certificate());
    const parsed = asn1js.fromBER(der);
    expect(parsed.offset).toBe(der.length);
    const items = (parsed.result as asn1js.Set).valueBlock.value;
    const encodings = items.map((i) => Buffer.from(i.toBER()));
    expect([...encodings].sort(Buffer.compare)).toEqual(encodings);
    const types = items.map((i) =>
      ((i as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).getValue(),
    );
    expect(new Set(types)).toEqual(new Set([OID.contentType, OID.messageDigest, OID.signingCertificateV2]));
    expect(types).not.toContain(OID.signingTime);
  });
});

describe("firstObject", () => {
  it("drops the zero padding after a signature's DER object", () => {
    expect(Buffer.from(firstObject(hex("3003020101000000"))).toString("hex")).toBe("3003020101");
  });

  it("refuses bytes that are not DER", () => {
    expect(() => firstObject(hex("30ff"))).toThrow(/not DER/);
  });
});
