// The extractor SDK's types: one extractor per document type, written like an ESLint rule.
import type { OcrPage } from "../types.js";
import type { Slot } from "./parsers/fill-ins.js";

/** Value formats a field can declare; the runner validates each extracted value against its format. */
export type FieldFormat =
  | "text"
  | "name"
  | "date"
  | "docNumber"
  | "personalId"
  | "taxCode"
  | "dossierCode"
  | "procedureCode"
  | "gender"
  | "integer"
  | "businessCode";

export interface FieldSpec {
  type: "string" | "integer";
  format: FieldFormat;
  /** Missing required fields send the document to review. */
  required: boolean;
  description?: string;
}

export interface ExtractorMeta {
  /** Canonical document type, snake_case (`birth_extract`). */
  docType: string;
  docs: {
    /** Vietnamese title as printed. */
    title: string;
    /** English title. */
    description: string;
    url?: string;
  };
  /** Every field this extractor may return; returning any other field is a bug. */
  fields: Record<string, FieldSpec>;
  /** Message templates with `{{placeholders}}`, reported by id. */
  messages: Record<string, string>;
  /**
   * Extractors take no options yet; a `schema` that is present must say something (the tester rejects
   * an empty one, which would accept any options), and options must be plumbed through runExtractor first.
   */
  schema?: Record<string, unknown>;
}

/** What a detector sees: the text, its lines, and the OCR layout when there is one. */
export interface DetectInput {
  /** NFC text. */
  readonly text: string;
  /** Non-blank lines, blanks folded. */
  readonly lines: readonly string[];
  /** Same lines, lower case without diacritics (index for index). */
  readonly folded: readonly string[];
  readonly pages?: readonly OcrPage[];
}

export interface ReportDescriptor {
  field?: string;
  messageId: string;
  data?: Record<string, string | number>;
  /** 1-based line of the text the problem is about. */
  line?: number;
}

export interface ExtractContext extends DetectInput {
  report(descriptor: ReportDescriptor): void;
}

/** One value as an extractor returns it. */
export interface Extracted {
  value: string | number;
  /** 0..1 */
  confidence: number;
  /** 1-based line the value was read from. */
  line?: number;
  /** Every 1-based line the value was read from, when it spans several (an agency block). */
  lines?: number[];
  /**
   * Fill-in slots read on the value's line: `suspect` ones look handwritten (the value then keeps
   * the printed part only); clean ones are checked against their OCR confidence by the runner.
   */
  fillIn?: { slots: Array<{ slot: Slot; raw: string; suspect: boolean }> };
}

export type ExtractedFields = Record<string, Extracted | undefined>;

export interface Extractor {
  meta: ExtractorMeta;
  /** 0..1: how sure this type is the document's type. Must be cheap and never throw. */
  detect(input: DetectInput): number;
  extract(ctx: ExtractContext): ExtractedFields;
}

/** A report with its message filled in. */
export interface Problem {
  field?: string;
  messageId: string;
  message: string;
  line?: number;
}
