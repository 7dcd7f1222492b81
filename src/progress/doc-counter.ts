// In-memory count of distinct documents per unit and year; the core of the local ledger and of rebuilds.
import type { ArchivedDocRef, CountFilter, DocLink, UnitYearCount } from "./types.js";

/** Cell key of a unit and year; unit codes never contain a tab. */
export function cellKey(unit: string, year: number): string {
  return `${unit}\t${year}`;
}

/** Unit and year back from a cell key. */
export function splitCellKey(key: string): { unit: string; year: number } {
  const tab = key.lastIndexOf("\t");
  return { unit: key.slice(0, tab), year: Number(key.slice(tab + 1)) };
}

/** What the ledger keeps of a document. */
export function toLink(doc: ArchivedDocRef): DocLink {
  const link: DocLink = { docId: doc.docId, unit: doc.unit, year: doc.year };
  if (doc.dossierCode) link.dossierCode = doc.dossierCode;
  return link;
}

export class DocCounter {
  private readonly docs = new Map<string, DocLink>();
  private readonly cells = new Map<string, number>();

  get documents(): number {
    return this.docs.size;
  }

  get cellCount(): number {
    return this.cells.size;
  }

  /** Counts the document once; returns false when its docId was already counted. */
  add(doc: DocLink): boolean {
    if (this.docs.has(doc.docId)) return false;
    this.docs.set(doc.docId, doc);
    const key = cellKey(doc.unit, doc.year);
    this.cells.set(key, (this.cells.get(key) ?? 0) + 1);
    return true;
  }

  has(docId: string): boolean {
    return this.docs.has(docId);
  }

  counts(filter: CountFilter = {}): UnitYearCount[] {
    const out: UnitYearCount[] = [];
    for (const [key, count] of this.cells) {
      const { unit, year } = splitCellKey(key);
      if (filter.year !== undefined && year !== filter.year) continue;
      if (filter.unit !== undefined && unit !== filter.unit) continue;
      out.push({ unit, year, count });
    }
    return out;
  }

  links(filter: CountFilter = {}): DocLink[] {
    const out: DocLink[] = [];
    for (const link of this.docs.values()) {
      if (filter.year !== undefined && link.year !== filter.year) continue;
      if (filter.unit !== undefined && link.unit !== filter.unit) continue;
      out.push(link);
    }
    return out;
  }

  values(): IterableIterator<DocLink> {
    return this.docs.values();
  }
}
