// Read-handwriting stage: the number and date slots written by pen, read by sohoa's digit recogniser where it is sure.
import { toIsoDate } from "../extractors/parsers/date.js";
import { readGlyphs } from "../handwriting/read-glyphs.js";
import { slotGlyphs } from "../handwriting/slot-glyphs.js";
import { readOcrImage } from "../imaging/ocr-image.js";
import { silentLogger, type Logger } from "../logger.js";
import { moveBox } from "../ocr/page.js";
import type { ExtractionResult, FieldValue, GreyImage, HandwritingRead, PreparedPage } from "../types.js";

/**
 * Least calibrated probability that every digit of a field is right for the reading to fill the
 * value in. High on purpose: a wrong number in a signed record is worse than a blank a clerk fills.
 * 0.9 at first; 0.95 since a ministry scan's stamp dots, cut into two digits, read "793" for "707"
 * at 0.92 (the cut is fixed too). On MNIST, 0.95 halves the wrong digits (0.33% to 0.16%) for 2.5%
 * fewer read; on paper the calibration is an upper bound.
 */
export const READ_MIN_CONFIDENCE = 0.95;

/** The value with the read digits in its slots, or undefined when they do not make a possible value. */
function filled(name: string, value: FieldValue["value"], read: Record<string, string>): string | undefined {
  if (typeof value !== "string") return undefined;
  if (name === "documentNumber") {
    const n = read.number;
    return n && /^\d{1,6}$/.test(n) && value.startsWith("…/") ? `${n}${value.slice(1)}` : undefined;
  }
  if (name !== "issueDate") return undefined;
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(value);
  const month = read.month ?? m?.[2];
  const day = read.day;
  if (!m || !month || !day || !/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return undefined;
  return toIsoDate(day, month, m[1]!);
}

/**
 * Fields whose fill-in slots look handwritten (src/extractors/run.ts) get their slots read from the
 * page's OCR image: the strokes are cut into glyphs and each glyph read as a digit. The value is
 * filled in only when every slot was found and read, the digits make a possible value, and the
 * reading's calibrated confidence reaches READ_MIN_CONFIDENCE; the field stays marked handwritten
 * and for review either way, with what was read.
 */
export async function readHandwriting(
  extraction: ExtractionResult,
  pages: ReadonlyArray<{ page: Pick<PreparedPage, "ocrImage" | "ocrCrop"> }>,
  ctx: { log?: Logger } = {},
): Promise<ExtractionResult> {
  const log = ctx.log ?? silentLogger;
  const images = new Map<number, Promise<GreyImage | undefined>>();
  const imageOf = (page: number): Promise<GreyImage | undefined> => {
    if (!images.has(page)) images.set(page, readOcrImage(pages[page]!.page.ocrImage));
    return images.get(page)!;
  };
  const fields = { ...extraction.fields };
  const reasons = [...extraction.reviewReasons];
  for (const [name, field] of Object.entries(extraction.fields)) {
    const hw = field.handwritten;
    if (!hw?.places || hw.places.length < hw.slots.length) continue;
    const slots: Record<string, string> = {};
    let confidence = 1;
    for (const place of hw.places) {
      // A box shared with a printed word holds its letters too: nothing to cut digits from.
      const page = place.shared ? undefined : pages[place.page];
      const image = page ? await imageOf(place.page) : undefined;
      if (!page || !image) break;
      // Slot boxes are in the page's upright frame; the OCR image is that frame cropped to the print.
      const crop = page.page.ocrCrop ?? { x: 0, y: 0 };
      const glyphs = slotGlyphs(image, moveBox(place.box, -crop.x, -crop.y));
      if (typeof glyphs === "string") {
        log.debug({ field: name, slot: place.slot, refused: glyphs }, "handwriting not read");
        break;
      }
      const reading = readGlyphs(glyphs);
      slots[place.slot] = reading.digits;
      confidence *= reading.confidence;
    }
    if (hw.slots.some((s) => slots[s] === undefined)) continue;
    if (confidence < READ_MIN_CONFIDENCE) {
      log.debug(
        { field: name, slots, confidence: Math.round(confidence * 1000) / 1000 },
        "handwriting read, not sure enough",
      );
      continue;
    }
    const value = filled(name, field.value, slots);
    if (!value) continue;
    const read: HandwritingRead = { slots, confidence: Math.round(confidence * 1000) / 1000 };
    const what = Object.entries(slots)
      .map(([slot, digits]) => `${slot} ${digits}`)
      .join(", ");
    const issue = `handwriting read as ${what} (confidence ${read.confidence.toFixed(2)}): check against the scan`;
    fields[name] = {
      ...field,
      value,
      confidence: read.confidence,
      handwritten: { ...hw, read },
      issues: [...(field.issues ?? []), issue],
    };
    reasons.push(`${name}: ${issue}`);
  }
  return { ...extraction, fields, reviewReasons: reasons };
}
