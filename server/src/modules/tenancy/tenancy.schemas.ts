import { AGENCY_KINDS } from '@layan/domain';
import { Type } from '@sinclair/typebox';
import { RegionCode } from '../region/region.schemas.ts';

/** Request and response shapes of the tenancy structure: tenants, agencies, locations, counters. */
export const TenantCode = Type.String({
  pattern: '^\\d{2}(\\.\\d{2})?$',
  description: 'Region code of the Pemda: a province (35) or a kabupaten/kota (35.10)',
  examples: ['35.10'],
});
const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 60,
  description: 'Lower-case words joined by "-", unique in the tenant',
});
const Name = Type.String({ minLength: 2, maxLength: 200 });
const Timestamp = Type.String({ format: 'date-time' });

export const TenantParams = Type.Object({ tenant: TenantCode });
export const TenantItemParams = Type.Object({ tenant: TenantCode, id: Uuid });
export const RegionQuery = Type.Object({ region: RegionCode }, { additionalProperties: false });

export const CreateTenantBody = Type.Object({ regionCode: TenantCode, name: Name }, { additionalProperties: false });
export const Tenant = Type.Object({ regionCode: Type.String(), name: Type.String(), regionName: Type.String() });

export const AgencyKind = Type.Union(
  AGENCY_KINDS.map((kind) => Type.Literal(kind)),
  {
    description:
      'daerah: an office of the Pemda; vertikal: central government in the region (Polres, Imigrasi, Kemenag, BPN); bumn/bumd: state or regional enterprises; badan_hukum_publik: BPJS',
  },
);
export const Agency = Type.Object({
  id: Uuid,
  tenantCode: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: AgencyKind,
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const AgencyList = Type.Object({ items: Type.Array(Agency) });
export const CreateAgencyBody = Type.Object(
  { slug: Slug, name: Name, shortName: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })), kind: AgencyKind },
  { additionalProperties: false },
);
export const UpdateAgencyBody = Type.Object(
  {
    name: Type.Optional(Name),
    shortName: Type.Optional(Type.Union([Type.String({ minLength: 2, maxLength: 40 }), Type.Null()])),
    kind: Type.Optional(AgencyKind),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const LocationKind = Type.Union(
  [Type.Literal('mpp'), Type.Literal('kantor_kecamatan'), Type.Literal('kantor_desa'), Type.Literal('kantor_instansi')],
  { description: 'Mal Pelayanan Publik, kantor kecamatan, kantor desa, or an agency’s own office' },
);
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });
export const OpeningHoursSchema = Type.Array(
  Type.Object(
    { day: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, Monday = 1' }), opens: Time, closes: Time },
    { additionalProperties: false },
  ),
  { maxItems: 21, description: 'Weekly hours in the region’s local time (WIB/WITA/WIT)' },
);
export const Location = Type.Object({
  id: Uuid,
  tenantCode: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  kind: LocationKind,
  regionCode: Type.String(),
  address: Type.String(),
  openingHours: OpeningHoursSchema,
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const LocationList = Type.Object({ items: Type.Array(Location) });
const Address = Type.String({ minLength: 2, maxLength: 500 });
export const CreateLocationBody = Type.Object(
  {
    slug: Slug,
    name: Name,
    kind: LocationKind,
    regionCode: RegionCode,
    address: Address,
    openingHours: Type.Optional(OpeningHoursSchema),
  },
  { additionalProperties: false },
);
export const UpdateLocationBody = Type.Object(
  {
    name: Type.Optional(Name),
    address: Type.Optional(Address),
    openingHours: Type.Optional(OpeningHoursSchema),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

const CounterCode = Type.String({
  pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$',
  maxLength: 20,
  description: 'Label on tickets and displays: A1, IMI-2',
});
export const Counter = Type.Object({
  id: Uuid,
  tenantCode: Type.String(),
  locationId: Uuid,
  agencyId: Type.Union([Uuid, Type.Null()]),
  code: Type.String(),
  name: Type.String(),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const CounterList = Type.Object({ items: Type.Array(Counter) });
export const CreateCounterBody = Type.Object(
  { locationId: Uuid, agencyId: Type.Optional(Type.Union([Uuid, Type.Null()])), code: CounterCode, name: Name },
  { additionalProperties: false },
);
export const UpdateCounterBody = Type.Object(
  { name: Type.Optional(Name), agencyId: Type.Optional(Type.Union([Uuid, Type.Null()])), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
