import { Type, type Static } from '@sinclair/typebox';

/** Request and response shapes of the region API: validation, types and OpenAPI from one place. */
export const RegionCode = Type.String({
  pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$',
  description: 'Kemendagri region code: 35 · 35.10 · 35.10.01 · 35.10.01.2001',
  examples: ['35.10'],
});

export const RegionLevel = Type.Union(
  [Type.Literal('provinsi'), Type.Literal('kabupaten_kota'), Type.Literal('kecamatan'), Type.Literal('desa_kelurahan')],
  { description: 'Level in the tree' },
);

export const RegionKind = Type.Union(
  ['provinsi', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan'].map((k) => Type.Literal(k)),
  { description: 'Kabupaten vs kota, desa vs kelurahan' },
);

export const TimeZone = Type.Union([Type.Literal('Asia/Jakarta'), Type.Literal('Asia/Makassar'), Type.Literal('Asia/Jayapura')]);

export const RegionRef = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: RegionLevel,
});

export const RegionAttribute = Type.Object({
  attribute: Type.Union([Type.Literal('daerah_tertinggal'), Type.Literal('pulau_terluar'), Type.Literal('perbatasan')]),
  period: Type.String(),
  source: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const RegionFlags = Type.Object({
  daerahTertinggal: Type.Boolean({ description: 'Kab/kota listed (itself or its parent) in Perpres 63/2020' }),
  pulauTerluar: Type.Boolean({ description: 'Kab/kota holding an outermost small island (Keppres 6/2017)' }),
  perbatasan: Type.Boolean({ description: 'Border area (no data loaded yet)' }),
});

export const RegionDetail = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: RegionLevel,
  kind: RegionKind,
  active: Type.Boolean(),
  timeZone: TimeZone,
  timeZoneLabel: Type.Union([Type.Literal('WIB'), Type.Literal('WITA'), Type.Literal('WIT')]),
  parents: Type.Array(RegionRef, { description: 'Ancestors, province first' }),
  childrenCount: Type.Integer(),
  flags: RegionFlags,
  attributes: Type.Array(RegionAttribute, { description: '3T attributes of this region or the kab/kota it lies in' }),
});
export type RegionDetail = Static<typeof RegionDetail>;

export const RegionChild = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: RegionLevel,
  kind: RegionKind,
  childrenCount: Type.Integer(),
});

export const RegionChildren = Type.Object({
  parent: RegionRef,
  items: Type.Array(RegionChild),
});
export type RegionChildren = Static<typeof RegionChildren>;

export const RegionSummary = Type.Object({
  levels: Type.Object({
    provinsi: Type.Integer(),
    kabupaten_kota: Type.Integer(),
    kecamatan: Type.Integer(),
    desa_kelurahan: Type.Integer(),
  }),
  total: Type.Integer(),
  attributes: Type.Record(Type.String(), Type.Integer(), { description: 'Regions carrying each attribute' }),
  source: Type.Union([
    Type.Object({ name: Type.String(), version: Type.String(), importedAt: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
});
export type RegionSummary = Static<typeof RegionSummary>;

export const RegionSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Name or part of it; case, accents and small typos ignored' })),
    level: Type.Optional(RegionLevel),
    parent: Type.Optional(RegionCode),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);
export type RegionSearchQuery = Static<typeof RegionSearchQuery>;

export const RegionSearchItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: RegionLevel,
  kind: RegionKind,
  path: Type.Array(Type.String(), { description: 'Names of the ancestors, nearest first (kecamatan, kab/kota, provinsi)' }),
});

export const RegionSearchResult = Type.Object({ items: Type.Array(RegionSearchItem) });
export type RegionSearchResult = Static<typeof RegionSearchResult>;

export const RegionCodeParams = Type.Object({ code: RegionCode });
