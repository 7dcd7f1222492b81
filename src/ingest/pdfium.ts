// PDFium (WebAssembly, from npm) behind a small typed surface: open, list page objects, render within limits.
import { PDFiumLibrary } from "@hyzyla/pdfium";

/** The raw PDFium calls sohoa uses; the package's own typings cover only a few of them. */
interface Raw {
  _FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  _FPDF_GetLastError(): number;
  _FPDF_CloseDocument(doc: number): void;
  _FPDF_GetPageCount(doc: number): number;
  _FPDF_GetSecurityHandlerRevision(doc: number): number;
  _FPDF_LoadPage(doc: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDFPage_Flatten(page: number, usage: number): number;
  _FPDF_GetPageWidthF(page: number): number;
  _FPDF_GetPageHeightF(page: number): number;
  _FPDFPage_GetRotation(page: number): number;
  _FPDFPage_CountObjects(page: number): number;
  _FPDFPage_GetObject(page: number, index: number): number;
  _FPDFPageObj_GetType(object: number): number;
  _FPDFPageObj_GetMatrix(object: number, matrix: number): number;
  _FPDFTextObj_GetTextRenderMode(object: number): number;
  _FPDFPageObj_GetFillColor(object: number, r: number, g: number, b: number, a: number): number;
  _FPDFPageObj_GetBounds(object: number, left: number, bottom: number, right: number, top: number): number;
  _FPDFPageObj_GetClipPath(object: number): number;
  _FPDFClipPath_CountPaths(clip: number): number;
  _FPDFClipPath_CountPathSegments(clip: number, path: number): number;
  _FPDFClipPath_GetPathSegment(clip: number, path: number, segment: number): number;
  _FPDFPathSegment_GetPoint(segment: number, x: number, y: number): number;
  _FPDFImageObj_GetImageDataRaw(object: number, buffer: number, length: number): number;
  _FPDFImageObj_GetImageMetadata(object: number, page: number, metadata: number): number;
  _FPDFBitmap_CreateEx(width: number, height: number, format: number, buffer: number, stride: number): number;
  _FPDFBitmap_FillRect(
    bitmap: number,
    left: number,
    top: number,
    width: number,
    height: number,
    colour: number,
  ): void;
  _FPDFBitmap_Destroy(bitmap: number): void;
  _FPDF_RenderPageBitmap(
    bitmap: number,
    page: number,
    x: number,
    y: number,
    w: number,
    h: number,
    rotate: number,
    flags: number,
  ): void;
  wasmExports: { malloc(size: number): number; free(pointer: number): void };
  HEAPU8: Uint8Array;
}

/** FPDF_ERR_PASSWORD: the document needs a password that is not the empty one. */
const ERR_PASSWORD = 4;
const ERR_SECURITY = 5;
const BITMAP_GRAY = 1;
const BITMAP_BGRA = 4;
/** FPDF_GRAYSCALE | FPDF_REVERSE_BYTE_ORDER | FPDF_RENDER_NO_SMOOTHIMAGE (keeps bilevel pixels sharp). */
const RENDER_GRAYSCALE = 0x08;
const RENDER_RGBA = 0x10;
const RENDER_NO_SMOOTH_IMAGE = 0x2000;
/** FPDFPage_Flatten: FLAT_PRINT usage (what prints), FLATTEN_SUCCESS result. */
const FLAT_PRINT = 1;
const FLATTEN_SUCCESS = 1;

export type PageObjectKind = "text" | "path" | "image" | "shading" | "form" | "unknown";
const KINDS: PageObjectKind[] = ["unknown", "text", "path", "image", "shading", "form"];

/** A PDF user-space matrix [a b c d e f]. */
export type Matrix = [number, number, number, number, number, number];

export interface PageObject {
  kind: PageObjectKind;
  /** Placement in the page's user space; for images it maps the unit square onto the page. */
  matrix: Matrix;
  /** Text render mode (3 = invisible), for text objects. */
  textMode?: number;
  /** Image objects: size and bits per pixel as PDFium reads them from the dictionary. */
  width?: number;
  height?: number;
  bitsPerPixel?: number;
  /** FPDF_COLORSPACE_* (1 DeviceGray, 2 DeviceRGB, 3 DeviceCMYK, 4 CalGray, 7 ICCBased, 8 Separation, 10 Indexed …). */
  colourSpace?: number;
  /** Fill colour in force (0..255 each): what a stencil mask (/ImageMask) paints with. */
  fill?: [number, number, number];
  /** Bounds in user space [left, bottom, right, top]. */
  bounds?: Box4;
  /** Bounds of the clipping path in force (all its subpaths intersected), when there is one. */
  clip?: Box4;
  /** Opaque handle for `rawImageData`. */
  handle: number;
}

/** [left, bottom, right, top] in user space. */
export type Box4 = [number, number, number, number];

export class PdfiumPasswordError extends Error {}

let library: Promise<Raw> | undefined;

/** One PDFium instance per process: compiling the WebAssembly once costs ~100 ms, each document then costs nothing. */
function engine(): Promise<Raw> {
  library ??= PDFiumLibrary.init().then((lib) => (lib as unknown as { module: Raw }).module);
  return library;
}

/** An open PDF; call `close()` when done, its bytes live in the engine's memory until then. */
export class PdfiumDocument {
  private constructor(
    private readonly m: Raw,
    private readonly doc: number,
    private readonly data: number,
  ) {}

  /** Opens with the empty password, as every viewer does; a PDF that needs a real one throws PdfiumPasswordError. */
  static async open(bytes: Uint8Array): Promise<PdfiumDocument> {
    const m = await engine();
    const data = m.wasmExports.malloc(bytes.length);
    if (data === 0) throw new Error("the PDF engine is out of memory");
    m.HEAPU8.set(bytes, data);
    const doc = m._FPDF_LoadMemDocument(data, bytes.length, 0);
    if (doc === 0) {
      const code = m._FPDF_GetLastError();
      m.wasmExports.free(data);
      if (code === ERR_PASSWORD || code === ERR_SECURITY)
        throw new PdfiumPasswordError(`PDFium error ${code}`);
      throw new Error(
        code === 3 ? "not a PDF or damaged beyond repair" : `PDFium cannot open it (error ${code})`,
      );
    }
    return new PdfiumDocument(m, doc, data);
  }

  get pageCount(): number {
    return this.m._FPDF_GetPageCount(this.doc);
  }

  /** True when the file uses a security handler (opened here with the empty user password). */
  get encrypted(): boolean {
    return this.m._FPDF_GetSecurityHandlerRevision(this.doc) >= 0;
  }

  /** Runs `work` with the loaded page and closes it afterwards. */
  async withPage<T>(index: number, work: (page: PdfiumPage) => Promise<T>): Promise<T> {
    const handle = this.m._FPDF_LoadPage(this.doc, index);
    if (handle === 0) throw new Error(`page ${index + 1} cannot be loaded`);
    try {
      return await work(new PdfiumPage(this.m, handle));
    } finally {
      this.m._FPDF_ClosePage(handle);
    }
  }

  /**
   * Runs `work` with page `index` as it prints: its printable annotations (form fields' and signature
   * fields' visible blocks too, which plain rendering leaves out without a form environment) flattened
   * into its content. The document in memory keeps the change: call it after the page's other work.
   * Undefined when PDFium cannot flatten the page.
   */
  async withFlattenedPage<T>(index: number, work: (page: PdfiumPage) => Promise<T>): Promise<T | undefined> {
    const first = this.m._FPDF_LoadPage(this.doc, index);
    if (first === 0) return undefined;
    const flattened = this.m._FPDFPage_Flatten(first, FLAT_PRINT);
    this.m._FPDF_ClosePage(first);
    // PDFium's own rule: a flattened page is loaded again before it is drawn.
    return flattened === FLATTEN_SUCCESS ? this.withPage(index, work) : undefined;
  }

  close(): void {
    this.m._FPDF_CloseDocument(this.doc);
    this.m.wasmExports.free(this.data);
  }
}

function floats(m: Raw, at: number, count: number): number[] {
  return Array.from(new Float32Array(m.HEAPU8.buffer, at, count));
}

/** The box every subpath of the object's clipping path allows (their bounding boxes intersected). */
function clipBounds(m: Raw, object: number, scratch: number): Box4 | undefined {
  const clip = m._FPDFPageObj_GetClipPath(object);
  if (clip === 0) return undefined;
  let box: Box4 = [-Infinity, -Infinity, Infinity, Infinity];
  const paths = m._FPDFClipPath_CountPaths(clip);
  for (let p = 0; p < paths; p++) {
    const segments = m._FPDFClipPath_CountPathSegments(clip, p);
    if (segments <= 0) continue;
    const own: Box4 = [Infinity, Infinity, -Infinity, -Infinity];
    for (let s = 0; s < segments; s++) {
      const segment = m._FPDFClipPath_GetPathSegment(clip, p, s);
      if (!segment || !m._FPDFPathSegment_GetPoint(segment, scratch, scratch + 4)) continue;
      const [x, y] = floats(m, scratch, 2) as [number, number];
      own[0] = Math.min(own[0], x);
      own[1] = Math.min(own[1], y);
      own[2] = Math.max(own[2], x);
      own[3] = Math.max(own[3], y);
    }
    box = [
      Math.max(box[0], own[0]),
      Math.max(box[1], own[1]),
      Math.min(box[2], own[2]),
      Math.min(box[3], own[3]),
    ];
  }
  return Number.isFinite(box[0]) && Number.isFinite(box[2]) ? box : undefined;
}

export class PdfiumPage {
  constructor(
    private readonly m: Raw,
    private readonly page: number,
  ) {}

  /** Displayed size in points: /Rotate and the CropBox applied. */
  get size(): { width: number; height: number } {
    return { width: this.m._FPDF_GetPageWidthF(this.page), height: this.m._FPDF_GetPageHeightF(this.page) };
  }

  /** /Rotate in quarter turns clockwise (0..3). */
  get rotation(): number {
    return this.m._FPDFPage_GetRotation(this.page);
  }

  /** The page's top-level objects, in painting order. */
  objects(): PageObject[] {
    const m = this.m;
    const count = m._FPDFPage_CountObjects(this.page);
    const scratch = m.wasmExports.malloc(32);
    try {
      const out: PageObject[] = [];
      for (let i = 0; i < count; i++) {
        const handle = m._FPDFPage_GetObject(this.page, i);
        const kind = KINDS[m._FPDFPageObj_GetType(handle)] ?? "unknown";
        const matrix: Matrix = [1, 0, 0, 1, 0, 0];
        if (m._FPDFPageObj_GetMatrix(handle, scratch)) {
          const f = new Float32Array(m.HEAPU8.buffer, scratch, 6);
          for (let k = 0; k < 6; k++) matrix[k] = f[k]!;
        }
        const object: PageObject = { kind, matrix, handle };
        if (kind === "text") object.textMode = m._FPDFTextObj_GetTextRenderMode(handle);
        if (kind === "image" && m._FPDFImageObj_GetImageMetadata(handle, this.page, scratch)) {
          const v = new DataView(m.HEAPU8.buffer, scratch, 28);
          object.width = v.getUint32(0, true);
          object.height = v.getUint32(4, true);
          object.bitsPerPixel = v.getUint32(16, true);
          object.colourSpace = v.getInt32(20, true);
        }
        if (
          kind === "image" &&
          m._FPDFPageObj_GetFillColor(handle, scratch, scratch + 4, scratch + 8, scratch + 12)
        ) {
          const v = new DataView(m.HEAPU8.buffer, scratch, 12);
          object.fill = [v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true)];
        }
        if (kind === "image") {
          if (m._FPDFPageObj_GetBounds(handle, scratch, scratch + 4, scratch + 8, scratch + 12)) {
            object.bounds = floats(m, scratch, 4) as Box4;
          }
          const clip = clipBounds(m, handle, scratch);
          if (clip) object.clip = clip;
        }
        out.push(object);
      }
      return out;
    } finally {
      m.wasmExports.free(scratch);
    }
  }

  /** An image's stream data as stored (filters not applied), decrypted when the file is encrypted. */
  rawImageData(object: PageObject, maxBytes: number): Buffer {
    const m = this.m;
    const length = m._FPDFImageObj_GetImageDataRaw(object.handle, 0, 0);
    if (length > maxBytes) throw new RangeError(`image stream of ${length} bytes`);
    const buffer = m.wasmExports.malloc(Math.max(1, length));
    try {
      m._FPDFImageObj_GetImageDataRaw(object.handle, buffer, length);
      return Buffer.from(m.HEAPU8.subarray(buffer, buffer + length));
    } finally {
      m.wasmExports.free(buffer);
    }
  }

  /**
   * Renders the displayed page at `scale` pixels per point, annotations left out: OCR reads the page's
   * own content, and the archival page draws the annotations over it from their own regions.
   * The caller checks the pixel count first.
   */
  render(
    scale: number,
    mode: "grey" | "rgba",
  ): { data: Buffer; width: number; height: number; channels: 1 | 4 } {
    const { width, height } = this.pixelSize(scale);
    return this.renderRegion(scale, { x0: 0, y0: 0, x1: width, y1: height }, mode);
  }

  /** Renders the region `box` (pixels of the page drawn at `scale`) on white. */
  renderRegion(
    scale: number,
    box: { x0: number; y0: number; x1: number; y1: number },
    mode: "grey" | "rgba",
  ): { data: Buffer; width: number; height: number; channels: 1 | 4 } {
    const m = this.m;
    const width = box.x1 - box.x0;
    const height = box.y1 - box.y0;
    const channels = mode === "grey" ? 1 : 4;
    const stride = width * channels;
    const buffer = m.wasmExports.malloc(stride * height);
    if (buffer === 0) throw new RangeError(`the PDF engine cannot allocate ${width}×${height} pixels`);
    const bitmap = m._FPDFBitmap_CreateEx(
      width,
      height,
      mode === "grey" ? BITMAP_GRAY : BITMAP_BGRA,
      buffer,
      stride,
    );
    try {
      m._FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
      const flags = RENDER_NO_SMOOTH_IMAGE | (mode === "grey" ? RENDER_GRAYSCALE : RENDER_RGBA);
      // The whole page placed so that the region falls on the bitmap; PDFium draws only what lands there.
      const page = this.pixelSize(scale);
      m._FPDF_RenderPageBitmap(bitmap, this.page, -box.x0, -box.y0, page.width, page.height, 0, flags);
      return {
        data: Buffer.from(m.HEAPU8.subarray(buffer, buffer + stride * height)),
        width,
        height,
        channels,
      };
    } finally {
      m._FPDFBitmap_Destroy(bitmap);
      m.wasmExports.free(buffer);
    }
  }

  /** The displayed page's size in pixels at `scale` pixels per point. */
  pixelSize(scale: number): { width: number; height: number } {
    const { width: w, height: h } = this.size;
    return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
  }
}
