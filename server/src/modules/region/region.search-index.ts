import { normalizeSearchText, wordStartSuffixes } from '@layan/domain';
import type { RegionIndexRow, RegionLevel, RegionSearchRow } from './region.repo.ts';

/**
 * The typeahead's fast path, in memory. The region tree is reference data that changes only on
 * an import, and most typed queries are the start of a word, which a sorted array of word-start
 * suffixes answers by binary search in microseconds. A database query costs 1–5 ms of CPU
 * (planning, a range scan, a top-N sort) on a 2-core machine, which at 50 concurrent users is
 * the difference between a 5 ms and a 100 ms p99 (bench/RESULTS.md). Every process builds the
 * same index from the same tables and rebuilds it when a new import is recorded, so no process
 * holds state another could not see. Typos go to the trigram index in the database.
 */
export interface RegionSearchIndex {
  /** The region_import id the index was built from. */
  readonly importId: number;
  readonly size: number;
  /** Regions with a word starting with `query` (normalised), best first. */
  searchPrefix(options: { query: string; level?: RegionLevel; parent?: string; limit: number }): RegionSearchRow[];
}

const LEVEL_RANK: Record<RegionLevel, number> = { provinsi: 1, kabupaten_kota: 2, kecamatan: 3, desa_kelurahan: 4 };

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Builds the index from every active region; `importId` names the data it reflects. */
export function buildRegionSearchIndex(rows: RegionIndexRow[], importId: number): RegionSearchIndex {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const nameOf = (code: string) => byCode.get(code)?.name ?? null;
  const results: RegionSearchRow[] = rows.map((r) => ({
    code: r.code,
    level: r.level,
    kind: r.kind,
    name: r.name,
    province_name: r.level === 'provinsi' ? null : nameOf(r.code.slice(0, 2)),
    regency_name: r.level === 'kecamatan' || r.level === 'desa_kelurahan' ? nameOf(r.code.slice(0, 5)) : null,
    district_name: r.level === 'desa_kelurahan' ? nameOf(r.code.slice(0, 8)) : null,
  }));

  // Parallel arrays sorted by token (plain < is code-unit order; tokens are [a-z0-9 ]).
  const entries: { token: string; region: number; whole: boolean }[] = [];
  rows.forEach((r, region) => {
    const normalized = normalizeSearchText(r.name);
    const proper = normalized.replace(/^(kabupaten|kota) /, '');
    for (const token of wordStartSuffixes(normalized)) {
      entries.push({ token, region, whole: token === normalized || token === proper });
    }
  });
  entries.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : a.region - b.region));
  const tokens = entries.map((e) => e.token);
  const tokenRegion = Int32Array.from(entries, (e) => e.region);
  const tokenWhole = Uint8Array.from(entries, (e) => (e.whole ? 1 : 0));
  const levelRank = Uint8Array.from(rows, (r) => LEVEL_RANK[r.level]);
  // Ranking as one number, smaller is better: the name proper equals the query, then larger
  // regions, shorter names, code order (rows arrive sorted by code, so the row index is it).
  const EXACT_BONUS = 1e10;
  const baseKey = Float64Array.from(rows, (r, i) => LEVEL_RANK[r.level] * 1e9 + Math.min(r.name.length, 999) * 1e6 + i);
  // Marks regions already counted in the current search, without allocating a Set per search.
  const seenIn = new Int32Array(rows.length);
  let generation = 0;

  return {
    importId,
    size: rows.length,
    searchPrefix({ query, level, parent, limit }) {
      const from = lowerBound(tokens, query);
      const to = lowerBound(tokens, `${query}~`);
      const wantLevel = level ? LEVEL_RANK[level] : 0;
      const parentPrefix = parent ? `${parent}.` : '';
      if (++generation === 2 ** 31 - 1) {
        generation = 1;
        seenIn.fill(0);
      }
      // Top-N by insertion into a short sorted list: linear in the matches, no full sort.
      const top: number[] = [];
      const topKey: number[] = [];
      for (let i = from; i < to; i++) {
        const region = tokenRegion[i]!;
        if (wantLevel && levelRank[region] !== wantLevel) continue;
        if (parentPrefix && !rows[region]!.code.startsWith(parentPrefix)) continue;
        const exact = tokenWhole[i] === 1 && tokens[i] === query;
        const key = baseKey[region]! - (exact ? EXACT_BONUS : 0);
        if (seenIn[region] === generation) {
          // The same region through a second token: only an exact match can improve it.
          const at = top.indexOf(region);
          if (!exact || (at !== -1 && topKey[at]! <= key)) continue;
          if (at !== -1) {
            top.splice(at, 1);
            topKey.splice(at, 1);
          }
        }
        seenIn[region] = generation;
        if (top.length === limit && key >= topKey[limit - 1]!) continue;
        let at = top.length;
        while (at > 0 && key < topKey[at - 1]!) at--;
        top.splice(at, 0, region);
        topKey.splice(at, 0, key);
        if (top.length > limit) {
          top.pop();
          topKey.pop();
        }
      }
      return top.map((region) => results[region]!);
    },
  };
}
