// Separate: the pages of one scanned stack → document slices (page ranges), each linked by the separator sheet before it.
import type { DocumentContext } from "../context.js";
import { BadSeparatorError } from "../errors/index.js";
import type { PageLook } from "../separator/detect.js";
import type { SeparatorLink } from "../separator/payload.js";

/** A page of the stack as the separate stage sees it: its index and what was found on it. */
export interface StackPage {
  index: number;
  look: PageLook;
}

/** One document of the stack: source page indexes (sheets and blanks left out) and the sheet's link. */
export interface DocumentSlice {
  pages: number[];
  /** Index of the separator sheet that opened the slice. */
  sheetPage?: number;
  link?: SeparatorLink;
}

export interface SeparateOptions {
  /** `qr`: split at separator sheets; `blank`: split at blank pages. */
  mode: "qr" | "blank";
  /** The stack's file, for errors. */
  file: string;
  /** Ink share under which a page is blank. */
  blankInk: number;
}

export interface SeparateResult {
  slices: DocumentSlice[];
  /** Pages left out of every slice: sheets, blank backs of sheets, blank separators. */
  dropped: number[];
}

/**
 * Splits the stack. With sheets, a blank page right after a sheet is its back (duplex scanning) and is
 * dropped; pages before the first sheet form an unlinked slice; a sheet with no page after it is
 * reported, not turned into an empty document. A QR code of ours with a bad dossier code stops the stack.
 */
export function separate(pages: StackPage[], ctx: DocumentContext, options: SeparateOptions): SeparateResult {
  const slices: DocumentSlice[] = [];
  const dropped: number[] = [];
  let current: DocumentSlice | undefined;
  let afterSheet = false;
  const close = () => {
    if (current && current.pages.length) slices.push(current);
    else if (current?.sheetPage !== undefined)
      ctx.log.warn(
        { page: current.sheetPage + 1, dossierCode: current.link?.dossierCode },
        "separator sheet with no document after it",
      );
    current = undefined;
  };
  for (const page of pages) {
    const blank = page.look.ink < options.blankInk && !page.look.sheet;
    if (options.mode === "qr" && page.look.sheet) {
      const sheet = page.look.sheet;
      if (sheet.kind === "bad")
        throw new BadSeparatorError(options.file, `page ${page.index + 1}: ${sheet.reason}`);
      if (sheet.kind !== "sheet") continue;
      close();
      current = { pages: [], sheetPage: page.index, link: sheet.link };
      dropped.push(page.index);
      afterSheet = true;
      continue;
    }
    if (blank && (options.mode === "blank" || afterSheet)) {
      dropped.push(page.index);
      if (options.mode === "blank") close();
      continue;
    }
    afterSheet = false;
    current ??= { pages: [] };
    current.pages.push(page.index);
  }
  close();
  return { slices, dropped };
}
