/**
 * Blocking for the matcher (match.ts): which pairs of records are compared at all.
 */

/** A record with its tokens interned as small integers (-1: absent). */
export interface Prepared {
  rid: number;
  parts: number[];
  name: number[];
  /** Interned name tokens that are character forms (a shared one is a full name agreement). */
  chars: number[];
  year: number;
  near: number[];
  gender: number;
  orgCore: number;
  orgWords: number[];
  disciplines: number[];
}

/**
 * Blocking: each pass puts records in blocks by a key; only pairs sharing a block are compared. Keys:
 * the identity number, each of its three parts, and each name form with the birth year (the right side
 * also joins its neighbouring years, so an off-by-one year still meets). A match whose names share no
 * normal form, or whose birth years differ by more than one, is found only through its identity number
 * or a part of it. (Organisation + birth year + gender was a pass too: colleagues of one large employer
 * made the pairs grow with the square of the records.) A block with more than `cap` pairs is split by
 * birth year, then gender; what is still too large is dropped and counted. Pairs are the true matches
 * plus coincidences (same name and year); the latter grow with the square but slowly: 4× the records
 * gave 5.1× the pairs on the gold standard. Returns the distinct pairs as l * right.length + r, sorted.
 */
export function blockPairs(left: Prepared[], right: Prepared[], cap: number): { pairs: Float64Array; blocks: number; oversized: number } {
  // Each pass indexes the left side by key, then looks up the right side's keys: only blocks with
  // records on both sides are built. Token ids are distinct across fields (the field is in the token),
  // so the identity number, its parts and the name forms share one numeric index.
  const joined: [number[], number[]][] = [];
  const pass = <K>(keysOf: (r: Prepared, rightSide: boolean) => readonly K[]) => {
    const index = new Map<K, number[]>();
    left.forEach((r, i) => {
      for (const k of keysOf(r, false)) {
        const list = index.get(k);
        if (list) list.push(i);
        else index.set(k, [i]);
      }
    });
    const blocks = new Map<K, [number[], number[]]>();
    right.forEach((r, i) => {
      for (const k of keysOf(r, true)) {
        const block = blocks.get(k);
        if (block) block[1].push(i);
        else {
          const ls = index.get(k);
          if (ls) blocks.set(k, [ls, [i]]);
        }
      }
    });
    for (const block of blocks.values()) joined.push(block);
  };
  // A name form alone is too coarse (王伟): names block together with the birth year (the right side
  // with its neighbours too), packed in one number: token ids stay below 2^23 up to millions of records.
  const nameKeys = (r: Prepared, rightSide: boolean) => {
    if (r.year < 0) return r.name;
    const years = rightSide ? [r.year, ...r.near] : [r.year];
    return r.name.flatMap((n) => years.map((y) => n * 8_388_608 + y));
  };
  pass<number>((r, rightSide) => [...(r.rid >= 0 ? [r.rid, ...r.parts] : []), ...nameKeys(r, rightSide)]);

  let out = new Float64Array(1 << 16);
  let length = 0;
  let used = 0;
  let oversized = 0;
  const R = right.length;
  const emit = (ls: number[], rs: number[]) => {
    if (ls.length === 0 || rs.length === 0) return;
    used++;
    const need = length + ls.length * rs.length;
    if (need > out.length) {
      const grown = new Float64Array(Math.max(need, out.length * 2));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    for (const l of ls) for (const r of rs) out[length++] = l * R + r;
  };
  const split = (ls: number[], rs: number[], by: 'year' | 'gender') => {
    const sub = new Map<number, [number[], number[]]>();
    const put = (k: number, side: 0 | 1, i: number) => {
      if (k < 0) return;
      let b = sub.get(k);
      if (!b) {
        b = [[], []];
        sub.set(k, b);
      }
      b[side].push(i);
    };
    for (const l of ls) put(by === 'year' ? (left[l] as Prepared).year : (left[l] as Prepared).gender, 0, l);
    for (const r of rs) {
      const rec = right[r] as Prepared;
      if (by === 'gender') put(rec.gender, 1, r);
      else {
        put(rec.year, 1, r);
        for (const y of rec.near) put(y, 1, r);
      }
    }
    for (const [bl, br] of sub.values()) {
      if (bl.length * br.length <= cap) emit(bl, br);
      else if (by === 'year') split(bl, br, 'gender');
      else oversized++;
    }
  };
  for (const [ls, rs] of joined) {
    if (ls.length * rs.length <= cap) emit(ls, rs);
    else split(ls, rs, 'year');
  }
  const pairs = out.subarray(0, length).sort();
  let unique = 0;
  for (let i = 0; i < pairs.length; i++) if (i === 0 || pairs[i] !== pairs[i - 1]) pairs[unique++] = pairs[i] as number;
  return { pairs: pairs.subarray(0, unique), blocks: used, oversized };
}
