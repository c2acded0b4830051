import type { AnyBulkWriteOperation, Filter } from 'mongodb';
import { openCollection } from '../../store/collections.ts';
import type { CollectionPort, DatabasePort, IndexDeclaration } from '../../store/port.ts';
import type { LinkCandidateDoc } from './linkage-model.ts';

// Candidates are asked for by record (Talent.linkedRecords) and by province (what awaits a
// province's decision), both indexed `$in`/equality lookups on array fields.
const CANDIDATE_INDEXES: IndexDeclaration[] = [{ keys: { recordIds: 1 } }, { keys: { provinces: 1 } }, { keys: { state: 1 } }];

/** The part of coordination's store that keeps link candidates and confirmed links (issue 17). */
export class LinkageStore {
  readonly #locks = new Map<string, Promise<void>>();

  private constructor(private readonly candidates: CollectionPort<LinkCandidateDoc>) {}

  static async open(db: DatabasePort): Promise<LinkageStore> {
    return new LinkageStore(await openCollection<LinkCandidateDoc>(db, 'link_candidates', CANDIDATE_INDEXES));
  }

  candidatesByIds(ids: readonly string[]): Promise<LinkCandidateDoc[]> {
    return this.candidates.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Candidates naming any of the records, in id order. */
  candidatesOfRecords(recordIds: readonly string[], states: readonly LinkCandidateDoc['state'][]): Promise<LinkCandidateDoc[]> {
    return this.candidates.find({ recordIds: { $in: [...recordIds] }, state: { $in: [...states] } } as Filter<LinkCandidateDoc>, { sort: { _id: 1 } }).toArray();
  }

  /** Candidates between `province` and another, optionally in one state, in id order. */
  candidatesOfProvince(province: string, state?: LinkCandidateDoc['state']): Promise<LinkCandidateDoc[]> {
    const filter = { provinces: province, ...(state ? { state } : {}) } as Filter<LinkCandidateDoc>;
    return this.candidates.find(filter, { sort: { _id: 1 } }).toArray();
  }

  /**
   * Stores what a matching run found: a new pair is inserted; a pair still PROPOSED gets the new
   * score, band and evidence (its decisions so far stay); a pair already decided (confirmed,
   * rejected, undone) is left as it is, so a re-run never revives or duplicates anything.
   * Returns how many were new and how many rescored.
   */
  async recordFound(found: readonly LinkCandidateDoc[]): Promise<{ added: number; updated: number }> {
    if (found.length === 0) return { added: 0, updated: 0 };
    const existing = new Map((await this.candidatesByIds(found.map((c) => c._id))).map((c) => [c._id, c]));
    const operations: AnyBulkWriteOperation<LinkCandidateDoc>[] = [];
    let added = 0;
    let updated = 0;
    for (const doc of found) {
      const before = existing.get(doc._id);
      if (!before) {
        operations.push({ insertOne: { document: doc } });
        added += 1;
      } else if (before.state === 'PROPOSED') {
        const { method, score, band, evidence, foundBy } = doc;
        operations.push({
          updateOne: {
            filter: { _id: doc._id, state: 'PROPOSED', revision: before.revision } as Filter<LinkCandidateDoc>,
            update: { $set: { method, score, band, evidence, foundBy, revision: before.revision + 1 } },
          },
        });
        updated += 1;
      }
    }
    if (operations.length) await this.candidates.bulkWrite(operations);
    return { added, updated };
  }

  /** One candidate read from the store itself (not a loader's cache), for a change. */
  async candidateForChange(id: string): Promise<LinkCandidateDoc | null> {
    const [doc] = await this.candidates.find({ _id: id }, { limit: 1 }).toArray();
    return doc ?? null;
  }

  /** Writes the next state only over `expectedRevision`; false (nothing written) when someone changed it meanwhile. */
  async replaceCandidateIf(expectedRevision: number, next: LinkCandidateDoc): Promise<boolean> {
    const { _id, ...fields } = next;
    const result = await this.candidates.updateOne({ _id, revision: expectedRevision } as Filter<LinkCandidateDoc>, { $set: { ...fields, revision: expectedRevision + 1 } });
    return result.matchedCount === 1;
  }

  /** Runs the changes of one candidate one after another in this process (two acceptances never decide from the same state). */
  withLock<T>(id: string, change: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const run = previous.then(change, change);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(id, tail);
    void tail.then(() => {
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    });
    return run;
  }
}
