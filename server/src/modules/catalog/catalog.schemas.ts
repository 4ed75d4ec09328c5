import { SERVICE_CHANNELS, SLA_UNITS } from '@layan/domain';
import { Type, type Static } from '@sinclair/typebox';
import { RegionCode } from '../region/region.schemas.ts';
import { TenantCode } from '../tenancy/tenancy.schemas.ts';

/** Request and response shapes of the service catalog: validation, types and OpenAPI from one place. */
const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
const Timestamp = Type.String({ format: 'date-time' });
// Nested objects keep members this schema does not list (the standard is validated by the domain
// rules, not here), so the serializer passes them through.
const Open = { additionalProperties: true } as const;

export const Bilingual = Type.Object({ id: Type.String(), en: Type.Optional(Type.String()) }, Open);
export const Channel = Type.Union(
  SERVICE_CHANNELS.map((c) => Type.Literal(c)),
  { description: 'online: web/app; loket: counter at the MPP or office; desa: assisted at the village office' },
);
const SlaUnit = Type.Union(SLA_UNITS.map((u) => Type.Literal(u)));

export const ServiceQuery = Type.Object(
  {
    region: RegionCode,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'What the citizen typed: "bikin ktp", "akta lahir anak"' })),
    channel: Type.Optional(Channel),
    agency: Type.Optional(Slug),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);
export type ServiceQuery = Static<typeof ServiceQuery>;

export const ServiceParams = Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 80 }) });
export const ServiceRegionQuery = Type.Object({ region: RegionCode }, { additionalProperties: false });

const AgencyRef = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
});

export const FeeView = Type.Object(
  {
    kind: Type.Union([Type.Literal('gratis'), Type.Literal('tarif'), Type.Literal('variabel')]),
    amount: Type.Optional(Type.Number()),
    basis: Type.String(),
    formula: Type.Optional(Bilingual),
    note: Type.Optional(Bilingual),
    text: Type.String({ description: '"Gratis", "Rp350.000" or "Variabel"' }),
  },
  Open,
);
export const ServiceTimeView = Type.Object(
  {
    amount: Type.Number(),
    unit: SlaUnit,
    conditions: Type.Optional(Bilingual),
    text: Type.String({ description: '"14 hari kerja"' }),
  },
  Open,
);

export const ServiceSummary = Type.Object({
  id: Uuid,
  slug: Type.String(),
  tenantCode: Type.String(),
  name: Bilingual,
  description: Type.Optional(Bilingual),
  agency: AgencyRef,
  sector: Type.Union([Type.String(), Type.Null()]),
  channels: Type.Array(Channel),
  fee: FeeView,
  serviceTime: ServiceTimeView,
  version: Type.Integer(),
  score: Type.Optional(Type.Number({ description: 'Match score when `q` was given; higher is better' })),
});
export const ServiceList = Type.Object({
  items: Type.Array(ServiceSummary),
  /** The query as the search understood it. */
  terms: Type.Array(Type.String()),
});

const Component = Type.Object({
  key: Type.String(),
  name: Bilingual,
  published: Type.Boolean({ description: 'One of the six components that must be published (UU 25/2009 Pasal 21)' }),
});

const Approval = Type.Object({
  approvedByName: Type.String(),
  approvedAt: Timestamp,
});

export const ServiceStandardView = Type.Object(
  {
    code: Type.String(),
    name: Bilingual,
    description: Type.Optional(Bilingual),
    version: Type.Integer(),
    channels: Type.Array(Channel),
    requirements: Type.Array(
      Type.Object(
        {
          document: Bilingual,
          form: Type.String(),
          count: Type.Integer(),
          conditions: Type.Optional(Bilingual),
          note: Type.Optional(Bilingual),
        },
        Open,
      ),
    ),
    procedure: Type.Array(Type.Object({ step: Bilingual, by: Type.Optional(Type.String()) }, Open)),
    serviceTime: ServiceTimeView,
    fee: FeeView,
    product: Type.Object({ name: Bilingual, electronic: Type.Optional(Type.Boolean()) }, Open),
    complaints: Type.Array(
      Type.Object({ kind: Type.String(), contact: Type.Optional(Type.String()), label: Type.Optional(Bilingual) }, Open),
    ),
    legalBasis: Type.Array(Type.Object({ title: Type.String() }, Open)),
    facilities: Type.Array(Bilingual),
    competence: Type.Array(Bilingual),
    internalSupervision: Type.Array(Bilingual),
    staffing: Bilingual,
    serviceGuarantee: Bilingual,
    safetyGuarantee: Bilingual,
    performanceEvaluation: Bilingual,
  },
  Open,
);

export const ServiceDetail = Type.Object({
  ...ServiceSummary.properties,
  templateCode: Type.Union([Type.String(), Type.Null()]),
  locations: Type.Array(Type.String()),
  approval: Type.Union([Approval, Type.Null()]),
  components: Type.Array(Component, { description: 'The 14 components in the regulation’s order' }),
  standard: ServiceStandardView,
  hasForm: Type.Boolean(),
});

export const VersionView = Type.Object({
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')]),
  changeNote: Type.String(),
  approvedByName: Type.Union([Type.String(), Type.Null()]),
  approvedAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  serviceTime: ServiceTimeView,
  fee: FeeView,
  changed: Type.Optional(
    Type.Array(Type.String(), {
      description: 'In a history: the parts of the standard that differ from the version listed after it',
    }),
  ),
});
export const VersionList = Type.Object({ serviceId: Uuid, slug: Type.String(), items: Type.Array(VersionView) });

export const AdminServiceParams = Type.Object({ tenant: TenantCode, id: Uuid });
export const AdminVersionParams = Type.Object({ tenant: TenantCode, id: Uuid, version: Type.Integer({ minimum: 1 }) });

// Component values are checked by validateServiceStandard (domain), whose issues name the path
// (fee.basis, serviceTime.unit); the schema only limits which components a draft may change.
const AnyValue = Type.Unknown();
export const CreateDraftBody = Type.Object(
  {
    changeNote: Type.String({ minLength: 1, maxLength: 1000, description: 'Why: shown in the public history' }),
    changes: Type.Object(
      {
        name: Type.Optional(AnyValue),
        description: Type.Optional(AnyValue),
        channels: Type.Optional(AnyValue),
        requirements: Type.Optional(AnyValue),
        procedure: Type.Optional(AnyValue),
        serviceTime: Type.Optional(AnyValue),
        fee: Type.Optional(AnyValue),
        product: Type.Optional(AnyValue),
        complaints: Type.Optional(AnyValue),
        legalBasis: Type.Optional(AnyValue),
        facilities: Type.Optional(AnyValue),
        competence: Type.Optional(AnyValue),
        internalSupervision: Type.Optional(AnyValue),
        staffing: Type.Optional(AnyValue),
        serviceGuarantee: Type.Optional(AnyValue),
        safetyGuarantee: Type.Optional(AnyValue),
        performanceEvaluation: Type.Optional(AnyValue),
      },
      { additionalProperties: false, description: 'Components replaced whole; the others are copied from the current version' },
    ),
    formDefinition: Type.Optional(
      Type.Unknown({ description: 'A new form definition (validateFormDefinition); omitted: the current one is kept' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateDraftBody = Static<typeof CreateDraftBody>;

export type ServiceListView = Static<typeof ServiceList>;
export type ServiceSummaryView = Static<typeof ServiceSummary>;
export type ServiceDetailView = Static<typeof ServiceDetail>;
export type VersionListView = Static<typeof VersionList>;
export type VersionViewType = Static<typeof VersionView>;

// ---- most-used services, the public form, and the admin editor ----

export const PopularQuery = Type.Object(
  {
    region: RegionCode,
    days: Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'Count uses of the last `days` local days' }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);
export type PopularQuery = Static<typeof PopularQuery>;

export const PopularList = Type.Object({
  items: Type.Array(Type.Object({ ...ServiceSummary.properties, uses: Type.Integer({ minimum: 1 }) })),
  since: Type.String({ format: 'date', description: 'First local day counted' }),
  demo: Type.Boolean({ description: 'True when any count comes from the demo seed, not from real use' }),
});

export const ServiceForm = Type.Object({
  serviceId: Uuid,
  slug: Type.String(),
  version: Type.Integer(),
  form: Type.Union([Type.Object({}, Open), Type.Null()], { description: 'The FormDefinition of the published version' }),
});

export const AdminServiceQuery = Type.Object({ tenant: Type.Optional(TenantCode) }, { additionalProperties: false });
export const AdminServiceItem = Type.Object({
  id: Uuid,
  tenantCode: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  agency: AgencyRef,
  active: Type.Boolean(),
  currentVersion: Type.Union([Type.Integer(), Type.Null()]),
  latestVersion: Type.Integer(),
  latestStatus: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')]),
});
export const AdminServiceList = Type.Object({ items: Type.Array(AdminServiceItem) });

export const AdminServiceRefParams = Type.Object({
  tenant: TenantCode,
  id: Type.String({ minLength: 1, maxLength: 80, description: 'The service id or slug' }),
});

export const AdminVersionDetail = Type.Object({
  ...VersionView.properties,
  standard: Type.Object({}, Open),
  formDefinition: Type.Union([Type.Object({}, Open), Type.Null()]),
  changed: Type.Array(Type.String(), {
    description: 'Parts of the standard that differ from the version before (name, channels, requirements, fee, …)',
  }),
  formChanged: Type.Boolean(),
});
export const AdminServiceDetail = Type.Object({
  service: AdminServiceItem,
  versions: Type.Array(AdminVersionDetail, { description: 'Every version, drafts included, newest first' }),
});

export const UpdateDraftBody = Type.Object(
  {
    changeNote: Type.Optional(CreateDraftBody.properties.changeNote),
    changes: Type.Optional(CreateDraftBody.properties.changes),
    formDefinition: Type.Optional(CreateDraftBody.properties.formDefinition),
  },
  { additionalProperties: false },
);
export type UpdateDraftBody = Static<typeof UpdateDraftBody>;

export type PopularListView = Static<typeof PopularList>;
export type ServiceFormView = Static<typeof ServiceForm>;
export type AdminServiceListView = Static<typeof AdminServiceList>;
export type AdminServiceDetailView = Static<typeof AdminServiceDetail>;
export type AdminVersionDetailView = Static<typeof AdminVersionDetail>;
