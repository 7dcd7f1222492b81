// Boundary types shared by every stage, adapter and front door.

/** Administrative level of the issuing unit (domain.md, "Levels and targets"). */
export type Level = "central" | "provincial" | "district" | "commune";
export const LEVELS: readonly Level[] = ["central", "provincial", "district", "commune"];

/** A further counter-clockwise quarter-turn of the whole page, as in bench/README.md. */
export type Orientation = 0 | 90 | 180 | 270;

export type ColourMode = "colour" | "grey" | "bilevel";

export type SupportedMime = "image/jpeg" | "image/png" | "image/tiff" | "image/webp" | "application/pdf";

/** An input file as found on disk; its identity is the SHA-256 of its bytes. */
export interface SourceFile {
  path: string;
  /** Base name, as shown in reports. */
  name: string;
  sha256: DocumentId;
  bytes: number;
  mime: SupportedMime;
}

/** Axis-aligned box in pixels of the image it belongs to. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One page as ingested: an encoded image on disk, untouched pixels. */
/** One 8-bit channel, row-major, `width` bytes a row. */
export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface Page {
  /** 0-based index within the source file. */
  index: number;
  /** Path of the encoded page image in the work folder (or the source itself for single-page images). */
  image: string;
  /** Encoding of `image`; "jpeg" pages can be passed through to the archival PDF unchanged. */
  format: "jpeg" | "png" | "tiff" | "webp";
  width: number;
  height: number;
  /** Resolution used for the physical page size; 300 when the file does not say. */
  dpi: number;
  colour: ColourMode;
  /** Text already present in the source (a PDF page with a text layer): OCR is skipped. */
  existingText?: OcrPage;
  /** A PDF page's own image streams, embedded as they are in the archival PDF instead of `image`. */
  passthrough?: PassthroughImages;
  /**
   * What the source page's annotations show (an e-signature's visible block): drawn over the archival
   * page, never read by OCR (they are not the document's text).
   */
  overlays?: PageOverlay[];
  /** Facts found at ingest that the report should carry (e.g. "sourceEncrypted"). */
  flags?: string[];
  /**
   * The page's ink plane (see loadInkGrey), when ingest had the pixels decoded anyway (TIFF pages,
   * drawn PDF pages): read from here instead of decoding `image` again. The rectify stage takes
   * it off the page, so a long document never holds more than the page in hand.
   */
  decoded?: GreyImage;
}

/** Something a source PDF page shows over its content (an e-signature block, a stamp annotation), drawn once. */
export interface PageOverlay {
  /** PNG of the region as shown, at the page's resolution. */
  image: string;
  /** Where it sits, in the page's pixels (x right, y down). */
  box: Box;
  /** The annotation kind ("Widget" for a signature field's visible block, "Stamp" …). */
  subtype: string;
}

/** A PDF page's images kept byte for byte: `image` is then only the decoded copy that analysis and OCR read. */
export interface PassthroughImages {
  /** A small PDF whose first page's /Resources /XObject holds the images, copied from the source. */
  pdf: string;
  /** In painting order: each image's unit square onto `image` pixels (x right, y down); `fill` (RGB 0..1) for stencil masks. */
  layers: Array<{ name: string; matrix: Affine; fill?: [number, number, number] }>;
}

/**
 * Affine map from prepared-image pixels (x, y) to source-page pixels:
 * xs = a*x + c*y + e, ys = b*x + d*y + f (PDF matrix order).
 */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/** How a page's orientation was settled: by the ink measure, by OCR of a sample, or left as displayed. */
export type OrientationDecisionKind = "measured" | "confirmedByOcr" | "abstained";

/** A page turned upright, deskewed and cleaned, ready for OCR. */
export interface PreparedPage extends Page {
  orientation: Orientation;
  /** Counter-clockwise skew of the content before correction, degrees (bench/README.md). */
  skewDegrees: number;
  /** Grey, red-dropped, upright image handed to OCR (cropped to the print, see ocrCrop). */
  ocrImage: string;
  ocrWidth: number;
  ocrHeight: number;
  /** Resolution of the upright frame: the scan's, or less where it was reduced for OCR. */
  ocrDpi: number;
  /**
   * Where `ocrImage`, cropped to the print, sits in the upright frame (ocrWidth × ocrHeight).
   * OCR boxes are moved by it into frame pixels, which `toSource` maps back to the scan.
   */
  ocrCrop?: { x: number; y: number };
  /** Maps `ocrImage` pixels back to `image` pixels, so a text layer can be laid over the original. */
  toSource: Affine;
  /** Quality flags (blank page, low resolution …); flagged, never failed. */
  flags: string[];
  /** How sure the orientation is, 0..1, and the best turn not taken (see stages/orient.ts). */
  orientationConfidence?: number;
  orientationRunnerUp?: Orientation;
  orientationDecision?: OrientationDecisionKind;
}

export interface OcrWord {
  text: string;
  box: Box;
  /** 0..100 as reported by Tesseract. */
  confidence: number;
  /** Index of the line within the page. */
  line: number;
  /**
   * Where each character sits, for words holding a digit or letters glued to other marks ("ngày¿"; the
   * native engine's server gives them): a pen number OCR glued to its printed label ("ngày23") is cut from
   * the label at its last letter.
   */
  symbols?: OcrSymbol[];
}

/** One character of a word as the engine placed it. */
export interface OcrSymbol {
  text: string;
  box: Box;
}

export interface OcrLine {
  text: string;
  box: Box;
  confidence: number;
  words: OcrWord[];
}

/** OCR output of one page, coordinates in the pixels of the image that was recognised. */
export interface OcrPage {
  width: number;
  height: number;
  lines: OcrLine[];
  /** Lines joined by "\n", NFC. */
  text: string;
  /** Mean word confidence, 0..100. */
  confidence: number;
  engine: string;
  /** Words the text correction changed (src/text), with the raw OCR word kept. */
  corrections?: TextCorrection[];
  /** Words read from overlays, not the document (e-signature banner, stamp fields), kept out of `lines` and `text`. */
  overlay?: OcrLine[];
}

/** One word repaired after OCR: the engine's word, what replaced it, and why. */
export interface TextCorrection {
  line: number;
  word: number;
  from: string;
  to: string;
  /** 0..1 */
  confidence: number;
  reason: "invalid" | "context";
}

/** One extracted metadata value with its confidence and validation outcome. */
export interface FieldValue {
  value: string | number;
  /** 0..1 */
  confidence: number;
  valid: boolean;
  /** Why the value is doubtful, when it is. */
  issues?: string[];
  /** Pen-written fill-in slots of this value (number, day, month), where found; the value keeps only what is printed. */
  handwritten?: HandwrittenSlots;
}

/** Fill-in slots the records office writes by hand ("Số: 47 /QĐ-UBND", "ngày 17 tháng …"). */
export interface HandwrittenSlots {
  slots: string[];
  /** What OCR made of the slots, for the reviewer. */
  raw: string;
  /** 0-based page and box of the first slot, in the OCR'd page's pixels, when found. */
  page?: number;
  box?: Box;
  /** Every slot found on the page, for the handwriting reader (src/stages/read-handwriting.ts). */
  places?: Array<{ slot: string; page: number; box: Box; shared?: true }>;
  /** What the handwriting reader read in the slots, when it was sure enough to fill the value in. */
  read?: HandwritingRead;
}

/** Digits read from pen strokes by sohoa's digit recogniser (src/handwriting), never by OCR. */
export interface HandwritingRead {
  /** Digits per slot ("number" → "707", "day" → "22"). */
  slots: Record<string, string>;
  /** Calibrated probability that every digit is right. */
  confidence: number;
}

export type Fields = Record<string, FieldValue>;

export interface ExtractionResult {
  docType: string;
  /** Score of the winning detector, 0..1. */
  typeConfidence: number;
  fields: Fields;
  needsReview: boolean;
  reviewReasons: string[];
}

/** Names of the pipeline stages, used for timings, logs and error reports. */
export type Stage =
  | "preflight"
  | "ingest"
  | "rectify"
  | "orient"
  | "deskew"
  | "clean"
  | "ocr"
  | "correct"
  | "extract"
  | "pdfa"
  | "sign"
  | "store"
  | "record";

export type StageTimings = Partial<Record<Stage, number>>;

/** Where a unit of work belongs in the administrative hierarchy. */
export interface UnitRef {
  unit?: string;
  level?: Level;
  year?: number;
}

/** One page after the per-page stages. */
export interface PageResult {
  page: PreparedPage;
  ocr: OcrPage;
  timings: StageTimings;
}

/** What the document stages receive: every page prepared and recognised, fields extracted. */
/** A signature the source PDF carried when it came in (src/stages/source-signatures.ts). */
export interface SourceSignature {
  /** The signing certificate's subject (an organisation on government documents). */
  signer?: string;
  /** The signing time the signature claims (/M), ISO 8601. */
  signedAt?: string;
  /** The signature covers the whole source file: nothing was added after it. */
  coversWholeFile: boolean;
  /** The signed bytes are unchanged and the signature verifies with the certificate it embeds. */
  intact: boolean;
  /** What a checker objects to (SHA-1, a certificate not valid at the signing time …). */
  notes: string[];
}

export interface DocumentResult {
  source: SourceFile;
  pages: PageResult[];
  /** The source PDF's own signatures, when it had any. */
  sourceSignatures?: SourceSignature[];
  /** All pages' OCR text, pages separated by a blank line. */
  text: string;
  extraction: ExtractionResult;
  timings: StageTimings;
}

/**
 * A document's identity: the lower-case 64-hex SHA-256 of its source file. Manifests (ArchiveRecord.sha256),
 * the progress ledger (ArchivedDocRef.docId), rebuild and reports all key on it. (ArchiveRecord.docId is
 * not an identity: it is the short form that names the document's archive keys.)
 */
export type DocumentId = string;

const DOCUMENT_ID = /^[0-9a-f]{64}$/;

/** Whether `value` is a DocumentId (a 64-hex SHA-256). */
export function isDocumentId(value: unknown): value is DocumentId {
  return typeof value === "string" && DOCUMENT_ID.test(value);
}
