import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ format: 'uuid' });
const Label = Type.Object({ id: Type.String(), en: Type.String() });
const Answers = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'Answers keyed by form field key. A file field takes a list of upload ids (from POST /uploads), or `{ uploadId }` objects.',
});
const Risk = Type.Union(
  [
    Type.Literal('overdue'),
    Type.Literal('due_today'),
    Type.Literal('due_soon'),
    Type.Literal('on_track'),
    Type.Literal('paused'),
    Type.Literal('closed'),
  ],
  { description: 'SLA risk: overdue, due today, due within 2 working days, on track, paused (waiting on the citizen), closed' },
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description:
        'Makes the request safe to retry: the same key with the same body answers the same (header `Idempotency-Replayed: true`) and never creates a second application, even when the requests arrive at once; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`. Keys belong to the caller. Use a fresh UUID per submission.',
    }),
  ),
});

export const CreateApplicationBody = Type.Object(
  {
    serviceId: Id,
    answers: Type.Optional(Answers),
    submit: Type.Optional(Type.Boolean({ description: 'Submit at once (checks the answers); otherwise a draft is saved' })),
  },
  { additionalProperties: false },
);
export type CreateApplicationBody = Static<typeof CreateApplicationBody>;

export const SaveAnswersBody = Type.Object(
  {
    answers: Answers,
    expectedVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: 'rowVersion the citizen edited; a newer one is 409 APPLICATION_STALE' }),
    ),
  },
  { additionalProperties: false },
);

export const SubmitBody = Type.Object(
  {
    answers: Type.Optional(Answers),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    to: Type.String({ pattern: '^[a-z][a-z_]{1,39}$', description: 'The state to move to, e.g. verifikasi' }),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'To the citizen; required for dikembalikan and ditolak' })),
    outputUploadId: Type.Optional(Id),
    expectedVersion: Type.Integer({
      minimum: 1,
      description: 'The rowVersion the officer saw; another is 409 APPLICATION_STALE',
    }),
  },
  { additionalProperties: false },
);

export const AssistedBody = Type.Object(
  {
    nik: Type.String({ minLength: 16, maxLength: 40 }),
    name: Type.String({ minLength: 2, maxLength: 200, description: 'Used only when the NIK has no account yet' }),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    serviceId: Id,
    answers: Answers,
    locationId: Type.Optional(Id),
    regionCode: Type.Optional(Type.String({ pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$' })),
    consent: Type.Optional(
      Type.Object(
        {
          method: Type.Union([Type.Literal('lisan'), Type.Literal('tertulis')], {
            description: 'Spoken or written consent of the citizen',
          }),
        },
        { additionalProperties: false, description: 'Required: without it the answer is 400 ASSISTED_CONSENT_REQUIRED' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Id });
export const TrackParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });

export const InboxQuery = Type.Object(
  {
    tenant: Type.Optional(Type.String({ pattern: '^\\d{2}(\\.\\d{2})?$' })),
    agencyId: Type.Optional(Id),
    state: Type.Optional(Type.String({ pattern: '^[a-z][a-z_]{1,39}$' })),
    risk: Type.Optional(Risk),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const SummaryQuery = Type.Object(
  { tenant: Type.Optional(Type.String({ pattern: '^\\d{2}(\\.\\d{2})?$' })) },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const HistoryEntry = Type.Object({
  seq: Type.Integer(),
  from: Nullable(Type.String()),
  to: Type.String(),
  toLabel: Label,
  at: Type.String({ format: 'date-time' }),
  by: Type.String({ description: 'citizen, staff or system' }),
  note: Nullable(Type.String()),
  outputUploadId: Nullable(Type.String()),
});

const Sla = Type.Object({
  amount: Type.Union([Type.Integer(), Type.Null()]),
  unit: Nullable(Type.String()),
  dueAt: Nullable(Type.String({ format: 'date-time' })),
  dueDate: Nullable(Type.String({ description: 'YYYY-MM-DD in the tenant’s time zone' })),
  risk: Type.Union([Risk, Type.Null()]),
});

const applicationFields = {
  id: Id,
  trackingCode: Nullable(Type.String({ description: 'e.g. LYN-7KQ4-M9XW-H26; null for a draft' })),
  tenantCode: Type.String(),
  service: Type.Object({ id: Id, slug: Type.String(), name: Type.String(), version: Type.Integer() }),
  agency: Type.Object({ id: Id, name: Type.String() }),
  state: Type.String({
    description: 'draft, or a workflow state: diajukan, verifikasi, diproses, dikembalikan, selesai, ditolak',
  }),
  stateLabel: Label,
  rowVersion: Type.Integer(),
  channel: Type.String({ description: 'online, loket or desa' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  sla: Sla,
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  outcome: Type.Union([Type.Literal('completed'), Type.Literal('rejected'), Type.Null()]),
};

const detailFields = {
  ...applicationFields,
  answers: Answers,
  uploads: Type.Array(
    Type.Object({ id: Id, fileName: Type.String(), mediaType: Type.String(), size: Type.Integer(), sha256: Type.String() }),
  ),
  history: Type.Array(HistoryEntry),
  documents: Type.Array(
    Type.Object({
      id: Id,
      title: Type.Object({ id: Type.String(), en: Type.String() }),
      decision: Type.String(),
      issuedAt: Type.String({ format: 'date-time' }),
      revoked: Type.Boolean(),
      url: Type.String(),
    }),
  ),
};

export const ApplicationView = Type.Object(detailFields);
export const ApplicationList = Type.Object({ items: Type.Array(Type.Object(applicationFields)) });

export const StaffApplicationView = Type.Object({
  ...detailFields,
  citizen: Type.Union([
    Type.Object({
      id: Id,
      name: Type.String(),
      nik: Type.String({ description: 'Masked' }),
      email: Nullable(Type.String()),
      phone: Nullable(Type.String()),
    }),
    Type.Null(),
  ]),
  assisted: Type.Union([
    Type.Object({
      by: Id,
      locationId: Nullable(Type.String()),
      regionCode: Type.String(),
      consentMethod: Nullable(Type.String()),
      consentAt: Nullable(Type.String({ format: 'date-time' })),
    }),
    Type.Null(),
  ]),
  transitions: Type.Array(
    Type.Object({ to: Type.String(), label: Label, requiresNote: Type.Boolean(), requiresOutput: Type.Boolean() }),
    { description: 'What the caller may do next' },
  ),
});

export const InboxResponse = Type.Object({
  generatedAt: Type.String({ format: 'date-time' }),
  items: Type.Array(
    Type.Object({
      id: Id,
      trackingCode: Type.String(),
      tenantCode: Type.String(),
      service: Type.Object({ id: Id, slug: Type.String(), name: Type.String() }),
      agency: Type.Object({ id: Id, name: Type.String() }),
      state: Type.String(),
      stateLabel: Label,
      channel: Type.String(),
      rowVersion: Type.Integer(),
      submittedAt: Type.String({ format: 'date-time' }),
      dueAt: Nullable(Type.String({ format: 'date-time' })),
      dueDate: Nullable(Type.String()),
      risk: Risk,
    }),
  ),
});

const Counts = Type.Record(Type.String(), Type.Integer());
export const SummaryResponse = Type.Object({
  generatedAt: Type.String({ format: 'date-time' }),
  agencies: Type.Array(
    Type.Object({
      agencyId: Id,
      agencyName: Type.String(),
      tenantCode: Type.String(),
      open: Type.Integer(),
      byState: Counts,
      byRisk: Counts,
      closed: Type.Object({ completed: Type.Integer(), rejected: Type.Integer() }, { description: 'In the last 30 days' }),
      escalations: Type.Integer({ description: 'SLA breaches recorded in the last 30 days' }),
    }),
  ),
});

export const TrackResponse = Type.Object({
  trackingCode: Type.String(),
  tenantCode: Type.String(),
  service: Type.Object({ id: Id, slug: Type.String(), name: Type.String() }),
  agencyName: Type.String(),
  state: Type.String(),
  stateLabel: Label,
  submittedAt: Type.String({ format: 'date-time' }),
  dueAt: Nullable(Type.String({ format: 'date-time' })),
  dueDate: Nullable(Type.String()),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  outcome: Type.Union([Type.Literal('completed'), Type.Literal('rejected'), Type.Null()]),
  history: Type.Array(Type.Object({ state: Type.String(), label: Label, at: Type.String({ format: 'date-time' }) })),
});
