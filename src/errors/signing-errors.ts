// Errors of signing and verifying: keys, passphrases, timestamp authorities, invalid signatures.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const SIGNING_FAILED = "sohoa:signingFailed";
export const SIGNING_KEY = "sohoa:signingKey";
export const TIMESTAMP_FAILED = "sohoa:timestampFailed";
export const SIGNATURE_INVALID = "sohoa:signatureInvalid";

/** Base of signing errors: exit code 14 (ExitCode.Signing). */
export class SigningError extends SohoaError {
  override code = SIGNING_FAILED;
  override exitCode: ExitCode = ExitCode.Signing;
}

/** The key store cannot be opened: missing file, missing or wrong passphrase, no key in it. */
export class SigningKeyError extends SigningError {
  override code = SIGNING_KEY;
  constructor(file: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`${file}: cannot use the signing key: ${reason}`, {
      hint: "Set SOHOA_SIGNING_PASSPHRASE or pass --passphrase-file; `sohoa keys create` makes a trial key.",
      ...options,
      file,
    });
  }
}

/** The timestamp authority did not answer with a usable token; worth a retry. */
export class TimestampError extends SigningError {
  override code = TIMESTAMP_FAILED;
  override retryable = true;
  constructor(url: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`timestamp authority ${url}: ${reason}`, {
      hint: "Check the TSA URL and the network, or sign without --tsa-url (PAdES B-B).",
      ...options,
    });
  }
}

/** A signature in a PDF does not verify. */
export class SignatureInvalidError extends SigningError {
  override code = SIGNATURE_INVALID;
  override exitCode: ExitCode = ExitCode.InvalidOutput;
}

export const REVOCATION_FAILED = "sohoa:revocationFailed";

/** No OCSP response or CRL could be had for a certificate of the chain (PAdES B-LT); worth a retry. */
export class RevocationError extends SigningError {
  override code = REVOCATION_FAILED;
  override retryable = true;
  constructor(subject: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`no revocation data for ${subject}: ${reason}`, {
      hint: "Check the network to the CA's OCSP/CRL servers, or give the responses as files (--revocation-file).",
      ...options,
    });
  }
}
