// ESS signing-certificate(-v2) schemas (RFC 2634, RFC 5035), which no @peculiar/asn1-* package ships.
import { AsnProp, AsnPropTypes, AsnIntegerArrayBufferConverter } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, GeneralNames } from "@peculiar/asn1-x509";

// The project compiles without legacy decorators, so asn1-schema's property decorators are applied as plain calls.

/** IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber } */
export class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
  constructor(params: Partial<IssuerSerial> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, "issuer");
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(
  IssuerSerial.prototype,
  "serialNumber",
);

/** ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL } */
export class EssCertIdV2 {
  hashAlgorithm?: AlgorithmIdentifier;
  certHash = new ArrayBuffer(0);
  issuerSerial?: IssuerSerial;
  constructor(params: Partial<EssCertIdV2> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AlgorithmIdentifier, optional: true })(EssCertIdV2.prototype, "hashAlgorithm");
AsnProp({ type: AsnPropTypes.OctetString })(EssCertIdV2.prototype, "certHash");
AsnProp({ type: IssuerSerial, optional: true })(EssCertIdV2.prototype, "issuerSerial");

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies … OPTIONAL (not written) } */
export class SigningCertificateV2 {
  certs: EssCertIdV2[] = [];
  constructor(params: Partial<SigningCertificateV2> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: EssCertIdV2, repeated: "sequence" })(SigningCertificateV2.prototype, "certs");

/** ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial IssuerSerial OPTIONAL } */
export class EssCertId {
  certHash = new ArrayBuffer(0);
  issuerSerial?: IssuerSerial;
}
AsnProp({ type: AsnPropTypes.OctetString })(EssCertId.prototype, "certHash");
AsnProp({ type: IssuerSerial, optional: true })(EssCertId.prototype, "issuerSerial");

/** SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies … OPTIONAL } (read only) */
export class SigningCertificate {
  certs: EssCertId[] = [];
}
AsnProp({ type: EssCertId, repeated: "sequence" })(SigningCertificate.prototype, "certs");
