// Progress follows the latest decision: an approval counts, an exclusion (or a moved unit or year) recounts without the old reference.
import type { ArchivedDocRef, ProgressLedger } from "../progress/types.js";
import type { IndexEntry, QueueIndex } from "./queue-index.js";

/**
 * The ledger only adds (record is idempotent per document), so taking a document out or moving it
 * to another year rebuilds the counts from the index's latest versions: every document of this
 * archive that is not excluded. A ledger shared with other archives should be rebuilt from all of them.
 */
export async function followInLedger(
  ledger: ProgressLedger,
  index: QueueIndex,
  before: ArchivedDocRef | undefined,
  after: IndexEntry,
): Promise<void> {
  const same =
    before !== undefined &&
    after.ref !== undefined &&
    before.unit === after.ref.unit &&
    before.year === after.ref.year;
  if (after.status !== "excluded" && after.ref && (same || before === undefined))
    return ledger.record(after.ref);
  await ledger.replaceAll(
    (async function* () {
      for (const e of index.all()) if (e.status !== "excluded" && e.ref) yield e.ref;
    })(),
  );
}
