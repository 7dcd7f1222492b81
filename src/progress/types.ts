// Boundary types of progress tracking: archived document references, units, counts and the ledger port.
import type { DocumentId, Level } from "../types.js";

export type { Level };

/** One archived document as the ledger sees it; identity is `docId` (SHA-256 of the source file). */
export interface ArchivedDocRef {
  docId: DocumentId;
  /** Unit code as written on the result (old units keep their old code). */
  unit: string;
  level?: Level;
  /** Year the result counts for: the issue date's year, else the batch's year. */
  year: number;
  issueDate?: string;
  docType?: string;
  dossierCode?: string;
}

/** A later unit that takes over an old unit's figures, with the share it takes (shares of one unit sum to 1). */
export interface Successor {
  code: string;
  share: number;
}

/** One administrative unit of the registry. */
export interface UnitRecord {
  code: string;
  name: string;
  level: Level;
  /** Parent unit code; none for central units and provinces. */
  parent?: string;
  /** First day the unit exists (YYYY-MM-DD); new merged communes start on 2025-07-01. */
  validFrom?: string;
  /** Units that take over this one's figures from `successionDate` on. */
  successors?: Successor[];
  successionDate?: string;
}

/** A number per unit and year: digitized documents or valid results in scope. */
export interface UnitYearCount {
  unit: string;
  year: number;
  count: number;
}

export interface CountFilter {
  year?: number;
  unit?: string;
}

/** A dossier (hồ sơ) that should have a digitized result. */
export interface DossierEntry {
  dossierCode: string;
  unit: string;
  year: number;
}

/** What the ledger keeps of each recorded document, enough to match dossiers. */
export interface DocLink {
  docId: DocumentId;
  unit: string;
  year: number;
  dossierCode?: string;
}

export interface RebuildSummary {
  /** Lines read from the source, duplicates included. */
  read: number;
  /** Distinct documents counted. */
  documents: number;
  /** Unit-year cells written. */
  cells: number;
}

/**
 * Counts archived documents per unit and year, once per document.
 * Obligations: `record` is idempotent per docId (a retried job never counts twice), safe to call
 * from several workers at once, and cheap enough to call once per finished document.
 * Everything it holds can be rebuilt from the archive's manifests with `replaceAll`.
 */
export interface ProgressLedger {
  record(doc: ArchivedDocRef): Promise<void>;
  counts(filter?: CountFilter): Promise<UnitYearCount[]>;
  /** Every recorded document of the year (or all years), for dossier matching. */
  links(filter?: CountFilter): Promise<DocLink[]>;
  /** Replaces every count with those of `docs`, atomically for readers. */
  replaceAll(docs: AsyncIterable<ArchivedDocRef>): Promise<RebuildSummary>;
  close(): Promise<void>;
}

/** The ledger plus the reference data a report needs, kept in the same place as the ledger. */
export interface ProgressStore extends ProgressLedger {
  setScope(unit: string, year: number, count: number): Promise<void>;
  scopes(filter?: CountFilter): Promise<UnitYearCount[]>;
  /** Adds dossiers (a dossier code appears once; a later import replaces it). */
  addDossiers(entries: DossierEntry[]): Promise<void>;
  dossiers(filter?: CountFilter): Promise<DossierEntry[]>;
  saveUnits(units: UnitRecord[]): Promise<void>;
  loadUnits(): Promise<UnitRecord[]>;
}
