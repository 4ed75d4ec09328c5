import { COMPLAINT_CATEGORIES, COMPLAINT_KINDS, COMPLAINT_RESPONSE_CLASSES, COMPLAINT_STATUSES } from '@layan/domain';
import { Type, type Static } from '@sinclair/typebox';
import { RegionCode } from '../region/region.schemas.ts';
import { TenantCode } from '../tenancy/tenancy.schemas.ts';

/** Request and response shapes of complaints (docs/COMPLAINTS.md). */
const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const LocalDate = Type.String({
  format: 'date',
  description: 'Local date in the tenant’s zone (deadline ends 23:59:59 that day)',
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Label = Type.Object({ id: Type.String(), en: Type.String() });
const Named = Type.Object({ id: Uuid, name: Nullable(Type.String()) });

export const ComplaintStatus = Type.Union(COMPLAINT_STATUSES.map((s) => Type.Literal(s)));
const Kind = Type.Union(COMPLAINT_KINDS.map((k) => Type.Literal(k)));
const ResponseClass = Type.Union(
  COMPLAINT_RESPONSE_CLASSES.map((k) => Type.Literal(k)),
  {
    description: 'ringan 5 hk · sedang 14 hk · berat 60 hk (COMPLAINT_RULES)',
  },
);

export const FileComplaintBody = Type.Object(
  {
    tenantCode: TenantCode,
    kind: Kind,
    category: Type.String({
      pattern: '^[a-z][a-z_]{1,39}$',
      description: `One of: ${COMPLAINT_CATEGORIES.map((c) => c.code).join(', ')}`,
    }),
    title: Type.String({ minLength: 5, maxLength: 200 }),
    body: Type.String({ minLength: 20, maxLength: 5000 }),
    incidentDate: Type.Optional(Type.String({ format: 'date' })),
    regionCode: RegionCode,
    agencyId: Type.Optional(Uuid),
    serviceId: Type.Optional(Uuid),
    applicationCode: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
    anonymous: Type.Boolean({ description: 'anonim: the identity is hidden from everyone handling the complaint' }),
    confidential: Type.Boolean({ description: 'rahasia: the complaint is never public' }),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type FileComplaintBody = Static<typeof FileComplaintBody>;

export const FiledComplaint = Type.Object({
  trackingCode: Type.String({ examples: ['ADU-7K3MQ-X9P2T'] }),
  status: ComplaintStatus,
  verifyDueDate: LocalDate,
  trackUrl: Type.String(),
});

export const TrackParams = Type.Object({ code: Type.String({ minLength: 3, maxLength: 40 }) });

const TimelineItem = Type.Object({
  action: Type.String(),
  status: Type.String(),
  statusLabel: Nullable(Label),
  agencyName: Nullable(Type.String()),
  at: Timestamp,
  dueDate: Nullable(LocalDate),
});

const publicFields = {
  trackingCode: Type.String(),
  tenantCode: Type.String(),
  kind: Type.String(),
  category: Type.String(),
  title: Type.String(),
  body: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  anonymous: Type.Boolean(),
  confidential: Type.Boolean(),
  status: ComplaintStatus,
  statusLabel: Label,
  filedAt: Timestamp,
  timeZone: Type.String(),
  verifyDueDate: LocalDate,
  responseDueDate: Nullable(LocalDate),
  agency: Nullable(Named),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Timestamp),
  closedNote: Nullable(Type.String()),
  reopenUntil: Nullable(LocalDate),
  reopenCount: Type.Integer(),
  canReopen: Type.Boolean(),
  canRate: Type.Boolean(),
  rating: Nullable(Type.Integer()),
  evidence: Type.Array(
    Type.Object({ fileName: Type.String(), mediaType: Type.String(), size: Type.Integer({ description: 'Bytes' }) }),
    { description: 'The evidence sent with the complaint: names only (staff download it)' },
  ),
  timeline: Type.Array(TimelineItem),
};

export const PublicComplaint = Type.Object(publicFields);

export const ReopenBody = Type.Object(
  { reason: Type.String({ minLength: 10, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const RateBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 4, description: '1 Tidak puas · 2 Kurang puas · 3 Puas · 4 Sangat puas' }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const TenantParams = Type.Object({ tenant: TenantCode });
export const ComplaintParams = Type.Object({ tenant: TenantCode, id: Uuid });
export const EvidenceParams = Type.Object({ tenant: TenantCode, id: Uuid, evidenceId: Uuid });
export const ActionParams = Type.Object({
  tenant: TenantCode,
  id: Uuid,
  action: Type.Union((['verify', 'reject', 'archive', 'dispose', 'follow_up', 'answer'] as const).map((a) => Type.Literal(a))),
});

export const ListQuery = Type.Object(
  {
    status: Type.Optional(ComplaintStatus),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const ComplaintList = Type.Object({
  role: Type.Union([Type.Literal('coordinator'), Type.Literal('agency')]),
  items: Type.Array(
    Type.Object({
      id: Uuid,
      trackingCode: Type.String(),
      title: Type.String(),
      category: Type.String(),
      status: ComplaintStatus,
      statusLabel: Label,
      anonymous: Type.Boolean(),
      confidential: Type.Boolean(),
      filedAt: Timestamp,
      dueDate: Nullable(LocalDate),
      overdue: Type.Boolean(),
      escalationLevel: Type.Integer(),
      agency: Nullable(Named),
    }),
  ),
});

export const ActionBody = Type.Object(
  {
    note: Type.Optional(Type.String({ minLength: 5, maxLength: 1000 })),
    responseClass: Type.Optional(ResponseClass),
    agencyId: Type.Optional(Uuid),
    locationId: Type.Optional(Uuid),
    answer: Type.Optional(Type.String({ minLength: 10, maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBody>;

export const StaffComplaint = Type.Object({
  id: Uuid,
  ...publicFields,
  evidence: Type.Array(
    Type.Object({ id: Uuid, fileName: Type.String(), mediaType: Type.String(), size: Type.Integer({ description: 'Bytes' }) }),
    { description: 'Download each at …/complaints/{id}/evidence/{evidenceId}; nothing here names who sent it' },
  ),
  responseClass: ResponseClass,
  relatedAgency: Nullable(Named),
  relatedService: Nullable(Named),
  applicationCode: Nullable(Type.String()),
  location: Nullable(Named),
  overdue: Type.Boolean(),
  escalationLevel: Type.Integer(),
  ratingNote: Nullable(Type.String()),
  reporter: Nullable(
    Type.Object({
      name: Nullable(Type.String()),
      email: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      hasAccount: Type.Boolean(),
    }),
  ),
  reporterHidden: Type.Boolean({ description: 'True when the caller may not see who filed it (anonim, or an agency)' }),
  actions: Type.Array(Type.String()),
  history: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      action: Type.String(),
      fromStatus: Nullable(Type.String()),
      toStatus: Type.String(),
      actorKind: Type.String(),
      agency: Nullable(Named),
      location: Nullable(Named),
      note: Nullable(Type.String()),
      dueDate: Nullable(LocalDate),
      at: Timestamp,
    }),
  ),
});

export const EscalateResult = Type.Object({ today: LocalDate, escalated: Type.Array(Uuid) });

export const StatsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Inclusive' })),
  },
  { additionalProperties: false },
);

export const ComplaintStats = Type.Object({
  tenantCode: Type.String(),
  from: LocalDate,
  to: LocalDate,
  total: Type.Integer(),
  byStatus: Type.Array(Type.Object({ status: Type.String(), label: Label, count: Type.Integer() })),
  byCategory: Type.Array(
    Type.Object({ category: Type.String(), name: Type.String(), nameEn: Type.String(), count: Type.Integer() }),
  ),
  answered: Type.Integer(),
  answeredOnTime: Type.Integer(),
  onTimeRate: Nullable(Type.Number({ description: 'answeredOnTime / answered, 0–1' })),
  overdue: Type.Integer(),
  rated: Type.Integer(),
  ratingAverage: Nullable(Type.Number()),
});

export const ExportQuery = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date', description: 'Inclusive' }),
    format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
  },
  { additionalProperties: false },
);

export const CategoryList = Type.Object({
  kinds: Type.Array(Type.String()),
  categories: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      defaultClass: ResponseClass,
      responseDays: Type.Integer(),
    }),
  ),
  verifyDays: Type.Integer(),
  reopenDays: Type.Integer(),
});

export type PublicComplaintType = Static<typeof PublicComplaint>;
export type StaffComplaintType = Static<typeof StaffComplaint>;
export type ComplaintListType = Static<typeof ComplaintList>;
export type ComplaintStatsType = Static<typeof ComplaintStats>;
export type CategoryListType = Static<typeof CategoryList>;
