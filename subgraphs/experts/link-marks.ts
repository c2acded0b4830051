import { forbidden, LINKAGE_TOKENS_SCOPE } from '../../platform/caller.ts';
import { badUserInput, notFound } from '../../platform/errors.ts';
import { openCollection } from '../../store/collections.ts';
import type { CollectionPort, DatabasePort } from '../../store/port.ts';
import type { ExpertsContext } from './context.ts';

/**
 * Which of this node's records are the secondary record of a confirmed link (issue 17), so that
 * `talentStats(unit: PERSONS)` counts a person recorded in two provinces once. Coordination, which
 * holds the links, sets a mark on the node of the secondary record before it commits a
 * confirmation and clears it before it commits an undo (subgraphs/coordination/linkage-marks.ts).
 * One document per link: a record is secondary while any link's mark names it, so undoing one of
 * two links of a record leaves the other's mark in place, and setting or clearing a mark twice
 * changes nothing. Only ids are kept: the marks say no more than the links coordination keeps.
 */

/** One confirmed link's mark on its secondary record. */
export interface LinkMarkDoc {
  /** The link (coordination's candidate id). */
  _id: string;
  talentId: string;
  at: string;
}

/** The node's marks, in its own collection beside the talents. */
export class LinkMarks {
  private constructor(private readonly marks: CollectionPort<LinkMarkDoc>) {}

  static async open(db: DatabasePort): Promise<LinkMarks> {
    return new LinkMarks(await openCollection<LinkMarkDoc>(db, 'link_marks', [{ keys: { talentId: 1 } }]));
  }

  /** Sets (idempotently, by link) or clears the mark of `linkId` on `talentId`. */
  async set(linkId: string, talentId: string, secondary: boolean, at: string): Promise<void> {
    if (secondary) await this.marks.updateOne({ _id: linkId }, { $set: { talentId, at } }, { upsert: true });
    else await this.marks.deleteOne({ _id: linkId, talentId });
  }

  /** The ids of the records marked secondary by at least one link: the records PERSONS leaves out. */
  async secondaryIds(): Promise<string[]> {
    const docs = await this.marks.find({}, { projection: { talentId: 1 } }).toArray();
    return [...new Set(docs.map((d) => d.talentId))];
  }
}

/**
 * `Mutation.markLinkedRecord` (inaccessible): only the matcher, with the `linkage:tokens` scope the
 * gateway puts into the owner-lookup token of a linkage:write caller alone, marks a record; and
 * only a record this node holds. Returns the mark as it now stands.
 */
export async function markLinkedRecord(ctx: ExpertsContext, talentId: string, linkId: string, secondary: boolean): Promise<boolean> {
  if (!ctx.caller?.scopes.has(LINKAGE_TOKENS_SCOPE)) {
    throw forbidden(`markLinkedRecord needs the "${LINKAGE_TOKENS_SCOPE}" scope, which only the gateway gives the matcher.`);
  }
  if (!/^LC-[A-Za-z0-9-]+$/.test(linkId)) throw badUserInput([{ field: 'linkId', message: 'must be a link candidate id (LC-...)' }]);
  const [talent] = await ctx.store.talentsByIds([talentId]);
  if (!talent) throw notFound('Talent', talentId);
  if (!ctx.node.serves(talent.homeRegion)) {
    throw badUserInput([{ field: 'talentId', message: `this node (${ctx.node.name}) does not hold the records of province ${talent.homeRegion}` }]);
  }
  await ctx.store.linkMarks.set(linkId, talentId, secondary, ctx.now().toISOString());
  return secondary;
}
