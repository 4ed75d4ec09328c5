import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { sql } from 'kysely';
import { importRegions } from './region.import.ts';
import { searchRegionsFuzzy } from './region.repo.ts';
import { createRegionSearchIndexSource, searchRegions } from './region.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url, headers });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

describe('GET /api/v1/regions/summary', () => {
  it('counts exactly the Kemendagri tree: 38 / 514 / 7,285 / 83,762', async () => {
    const { status, body } = await get('/api/v1/regions/summary');
    expect(status).toBe(200);
    expect(body.levels).toEqual({ provinsi: 38, kabupaten_kota: 514, kecamatan: 7285, desa_kelurahan: 83762 });
    expect(body.total).toBe(38 + 514 + 7285 + 83762);
    expect(body.attributes.daerah_tertinggal).toBe(62);
    expect(body.attributes.pulau_terluar).toBeGreaterThan(40);
    expect(body.source.version).toMatch(/^idn-area-data@/);
  });
});

describe('GET /api/v1/regions/{code}', () => {
  it('shows Kabupaten Banyuwangi in Jawa Timur on WIB', async () => {
    const { status, body } = await get('/api/v1/regions/35.10');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: '35.10',
      name: 'Kabupaten Banyuwangi',
      level: 'kabupaten_kota',
      kind: 'kabupaten',
      timeZone: 'Asia/Jakarta',
      timeZoneLabel: 'WIB',
      parents: [{ code: '35', name: 'Jawa Timur', level: 'provinsi' }],
      childrenCount: 25,
      flags: { daerahTertinggal: false, pulauTerluar: false, perbatasan: false },
    });
  });

  it('gives a desa its whole parent chain and its province’s zone (WIT in Papua)', async () => {
    const children = await get('/api/v1/regions/91.03/children');
    const district = children.body.items[0];
    const villages = await get(`/api/v1/regions/${district.code}/children`);
    const village = villages.body.items[0];
    const { body } = await get(`/api/v1/regions/${village.code}`);
    expect(body.level).toBe('desa_kelurahan');
    expect(body.parents.map((p: { code: string }) => p.code)).toEqual(['91', '91.03', district.code]);
    expect(body.timeZone).toBe('Asia/Jayapura');
    expect(body.timeZoneLabel).toBe('WIT');
  });

  it('uses WITA for Bali and Sulawesi', async () => {
    expect((await get('/api/v1/regions/51')).body.timeZone).toBe('Asia/Makassar');
    expect((await get('/api/v1/regions/73.71')).body.timeZone).toBe('Asia/Makassar');
  });

  it('flags a daerah tertinggal with its Perpres, inherited by its kecamatan', async () => {
    // Kabupaten Nias Selatan is listed in Perpres 63/2020.
    const regency = await get('/api/v1/regions/12.14');
    expect(regency.body.flags.daerahTertinggal).toBe(true);
    expect(regency.body.attributes.find((a: { attribute: string }) => a.attribute === 'daerah_tertinggal').source).toMatch(
      /Perpres 63\/2020/,
    );
    const district = (await get('/api/v1/regions/12.14/children')).body.items[0];
    expect((await get(`/api/v1/regions/${district.code}`)).body.flags.daerahTertinggal).toBe(true);
  });

  it('flags a kab/kota holding an outermost small island (Pulau Weh, Kota Sabang)', async () => {
    const { body } = await get('/api/v1/regions/11.72');
    expect(body.flags.pulauTerluar).toBe(true);
    const attribute = body.attributes.find((a: { attribute: string }) => a.attribute === 'pulau_terluar');
    expect(attribute.detail.islands).toContain('Pulau Weh');
  });

  it('answers 404 REGION_NOT_FOUND for a well-formed unknown code, in Indonesian by default', async () => {
    const { status, body } = await get('/api/v1/regions/99.99');
    expect(status).toBe(404);
    expect(body.error.code).toBe('REGION_NOT_FOUND');
    expect(body.error.message).toBe('Wilayah dengan kode 99.99 tidak ditemukan.');
    expect(body.error.requestId).toBeTruthy();
  });

  it('answers in English when Accept-Language prefers it', async () => {
    const { body, headers } = await get('/api/v1/regions/99.99', { 'accept-language': 'en-GB,en;q=0.9,id;q=0.5' });
    expect(body.error.message).toBe('No region has the code 99.99.');
    expect(headers['content-language']).toBe('en');
  });

  it.each(['3510', '35.1', 'abc', '35.10.01.20011', '35..10'])(
    'answers 400 VALIDATION_FAILED for malformed code %s',
    async (code) => {
      const { status, body } = await get(`/api/v1/regions/${code}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    },
  );
});

describe('GET /api/v1/regions/{code}/children', () => {
  it('lists the 38 provinces’ children of Jawa Timur: 38 kab/kota', async () => {
    const { status, body } = await get('/api/v1/regions/35/children');
    expect(status).toBe(200);
    expect(body.parent).toEqual({ code: '35', name: 'Jawa Timur', level: 'provinsi' });
    expect(body.items).toHaveLength(38);
    expect(body.items.map((i: { code: string }) => i.code)).toContain('35.10');
  });

  it('has kecamatan whose children counts add up to the villages below', async () => {
    const { body } = await get('/api/v1/regions/35.10/children');
    expect(body.items).toHaveLength(25);
    const first = body.items[0];
    const villages = await get(`/api/v1/regions/${first.code}/children`);
    expect(villages.body.items).toHaveLength(first.childrenCount);
    expect(villages.body.items.every((v: { kind: string }) => v.kind === 'desa' || v.kind === 'kelurahan')).toBe(true);
  });

  it('answers an empty list for a desa and 404 for an unknown code', async () => {
    expect((await get('/api/v1/regions/35.10.01.2001/children')).body.items).toEqual([]);
    expect((await get('/api/v1/regions/35.99/children')).status).toBe(404);
  });
});

describe('GET /api/v1/regions (typeahead)', () => {
  it('finds Sukamaju from the prefix "sukamaj"', async () => {
    const { status, body } = await get('/api/v1/regions?q=sukamaj');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0].name).toBe('Sukamaju');
    // The kecamatan of that name comes before the many desa.
    expect(body.items[0].level).toBe('kecamatan');
    expect(
      body.items.slice(1).some((i: { level: string; path: string[] }) => i.level === 'desa_kelurahan' && i.path.length === 3),
    ).toBe(true);
  });

  it('puts the kabupaten first for its bare name', async () => {
    const { body } = await get('/api/v1/regions?q=banyuwangi');
    expect(body.items[0]).toMatchObject({ code: '35.10', name: 'Kabupaten Banyuwangi', path: ['Jawa Timur'] });
  });

  it('ignores case and accents', async () => {
    const lower = await get('/api/v1/regions?q=banyuwangi&level=kabupaten_kota');
    const upper = await get(`/api/v1/regions?q=${encodeURIComponent('BÁNYUWÀNGI')}&level=kabupaten_kota`);
    expect(lower.body.items[0].code).toBe('35.10');
    expect(upper.body.items).toEqual(lower.body.items);
  });

  it('tolerates a typo (transposed and missing letters)', async () => {
    const swapped = await get('/api/v1/regions?q=banyuwagni&level=kabupaten_kota');
    expect(swapped.body.items.map((i: { code: string }) => i.code)).toContain('35.10');
    const missing = await get('/api/v1/regions?q=sukamju&level=desa_kelurahan');
    expect(missing.body.items.some((i: { name: string }) => i.name === 'Sukamaju')).toBe(true);
  });

  it('filters by level and by parent, and honours limit', async () => {
    const { body } = await get('/api/v1/regions?q=sukamaju&level=desa_kelurahan&parent=32&limit=5');
    expect(body.items).toHaveLength(5);
    for (const item of body.items) {
      expect(item.level).toBe('desa_kelurahan');
      expect(item.code.startsWith('32.')).toBe(true);
    }
  });

  it('lists by code without q (the 38 provinces)', async () => {
    const { body } = await get('/api/v1/regions?level=provinsi&limit=50');
    expect(body.items).toHaveLength(38);
    expect(body.items[0]).toMatchObject({ code: '11', name: 'Aceh', path: [] });
  });

  it('answers an empty list when nothing matches', async () => {
    expect((await get('/api/v1/regions?q=zzqxw')).body.items).toEqual([]);
  });

  it('treats LIKE wildcards in q as plain text', async () => {
    expect((await get(`/api/v1/regions?q=${encodeURIComponent('%%%')}`)).body.items).toEqual([]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=abc', 'limit'],
    ['level=dusun', 'level'],
    ['parent=35.1', 'parent'],
    [`q=${'a'.repeat(101)}`, 'q'],
    ['unknown=1', 'unknown'],
  ])('rejects %s with 400 VALIDATION_FAILED', async (query) => {
    const { status, body } = await get(`/api/v1/regions?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/^Permintaan tidak valid/);
  });
});

describe('typeahead paths', () => {
  it('answers word prefixes from the in-memory index, typos from the trigram index', async () => {
    const { db } = t.deps.database;
    const source = createRegionSearchIndexSource(db);
    const index = await source.get();
    expect(index.size).toBe(91_599);
    expect(index.searchPrefix({ query: 'banyuwan', limit: 5 })[0]).toMatchObject({ code: '35.10', name: 'Kabupaten Banyuwangi' });
    // "nias selatan" starts at the second word of "kabupaten nias selatan".
    expect(index.searchPrefix({ query: 'nias sel', limit: 5 })[0]!.code).toBe('12.14');
    expect(index.searchPrefix({ query: 'banyuwagni', limit: 5 })).toEqual([]);
    const fuzzy = await searchRegionsFuzzy(db, { query: 'banyuwagni', level: 'kabupaten_kota', limit: 5 });
    expect(fuzzy.map((r) => r.code)).toContain('35.10');
  });

  it('ranks like the database would: name proper first, then larger regions, shorter names, code', async () => {
    const index = await createRegionSearchIndexSource(t.deps.database.db).get();
    const rows = index.searchPrefix({ query: 'sukamaju', limit: 50 });
    expect(rows[0]!.level).toBe('kecamatan');
    const levels = rows.map((r) => ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan'].indexOf(r.level));
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
    const filtered = index.searchPrefix({ query: 'sukamaju', level: 'desa_kelurahan', parent: '32.01', limit: 50 });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((r) => r.code.startsWith('32.01.') && r.level === 'desa_kelurahan')).toBe(true);
  });

  it('remembers typo answers until the index is rebuilt', async () => {
    const { db } = t.deps.database;
    const source = createRegionSearchIndexSource(db);
    const query = { q: 'banyuwagni', level: 'kabupaten_kota' as const, limit: 5 };
    const first = await searchRegions(db, source, query);
    expect(source.fuzzyCache.size).toBe(1);
    expect(await searchRegions(db, source, query)).toEqual(first);
    await searchRegions(db, source, { q: 'sukamaj', limit: 5 });
    expect(source.fuzzyCache.size).toBe(1); // prefix answers are not cached: the index is the cache
    await importRegions(db);
    await source.refresh();
    expect(source.fuzzyCache.size).toBe(0);
  });

  it('rebuilds the index when a newer import is recorded', async () => {
    const { db } = t.deps.database;
    const source = createRegionSearchIndexSource(db);
    const before = await source.get();
    expect(await source.refresh()).toBe(before);
    await importRegions(db);
    const after = await source.refresh();
    expect(after.importId).toBeGreaterThan(before.importId);
    expect(after).not.toBe(before);
  });
});

describe('region import', () => {
  it('leaves fresh planner statistics (no sequential scan for a code lookup)', async () => {
    const { rows } = await sql<{ n: number }>`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'region'`.execute(
      t.deps.database.db,
    );
    expect(rows[0]!.n).toBe(91_599);
  });

  it('is idempotent: a second run changes no count and retires nothing', async () => {
    const result = await importRegions(t.deps.database.db);
    expect(result.retired).toBe(0);
    expect(result.counts).toEqual({ provinsi: 38, kabupaten_kota: 514, kecamatan: 7285, desa_kelurahan: 83762 });
    const { body } = await get('/api/v1/regions/summary');
    expect(body.levels.desa_kelurahan).toBe(83762);
  });
});
