import { Type, type Static } from '@sinclair/typebox';
import { NewPassword, Password, Uuid } from '../identity/identity.schemas.ts';

/** Request and response shapes of citizen sign-in, profile, consent and data rights. */

// Loose on purpose: the domain rules (validateNik) explain what is wrong with a NIK, issue by issue.
export const Nik = Type.String({ minLength: 1, maxLength: 40, description: 'NIK, 16 digits (spaces are ignored)' });
export const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('whatsapp')]);
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const OtpRequestBody = Type.Object(
  {
    nik: Nik,
    channel: Channel,
    destination: Type.String({
      minLength: 3,
      maxLength: 254,
      description: 'E-mail address (channel email) or Indonesian mobile number, 08… or +628… (sms, whatsapp)',
    }),
  },
  { additionalProperties: false },
);
export type OtpRequestBody = Static<typeof OtpRequestBody>;

export const OtpRequestAccepted = Type.Object({
  expiresInSeconds: Type.Integer({ description: 'How long a code sent now stays valid' }),
});

export const VerifyBody = Type.Object(
  {
    nik: Nik,
    code: Type.String({ pattern: '^\\d{6}$', description: 'The 6-digit code received' }),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'Required on first use (sign-up)' })),
  },
  { additionalProperties: false },
);
export type VerifyBody = Static<typeof VerifyBody>;

export const PasswordSignInBody = Type.Object({ nik: Nik, password: Password }, { additionalProperties: false });

export const Profile = Type.Object({
  id: Uuid,
  name: Type.String(),
  nik: Type.String({ description: 'Masked: only the last 4 digits are shown' }),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'E.164' })),
  hasPassword: Type.Boolean(),
  createdAt: DateTime,
  lastSignInAt: Nullable(DateTime),
});

export const CitizenSignInResponse = Type.Object({
  citizen: Profile,
  signedUp: Type.Boolean({ description: 'True when this code created the account' }),
  session: Type.Object({ id: Uuid, expiresAt: DateTime }),
});

export const PatchProfileBody = Type.Object(
  { name: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);

export const SetPasswordBody = Type.Object(
  {
    currentPassword: Type.Optional(Password),
    newPassword: NewPassword,
  },
  { additionalProperties: false },
);

export const Purpose = Type.String({
  pattern: '^[a-z][a-z0-9_]{1,39}$',
  description: 'Consent purpose: layanan, notifikasi, survei',
});
export const PurposeParams = Type.Object({ purpose: Purpose });

export const ConsentNotice = Type.Object({
  purpose: Type.String(),
  version: Type.Integer(),
  title: Type.Object({ id: Type.String(), en: Type.String() }),
  text: Type.Object({ id: Type.String(), en: Type.String() }),
  publishedAt: DateTime,
});
export const ConsentNoticeList = Type.Object({ items: Type.Array(ConsentNotice) });

export const ConsentRecord = Type.Object({
  id: Uuid,
  purpose: Type.String(),
  version: Type.Integer({ description: 'The notice version consented to' }),
  givenAt: DateTime,
  withdrawnAt: Nullable(DateTime),
  active: Type.Boolean(),
  currentVersion: Type.Integer({ description: 'The newest notice version of the purpose' }),
});
export const ConsentList = Type.Object({ items: Type.Array(ConsentRecord) });

export const DataRequestKind = Type.Union([Type.Literal('correction'), Type.Literal('deletion')]);
export const DataRequestBody = Type.Object(
  {
    kind: DataRequestKind,
    detail: Type.String({ minLength: 1, maxLength: 2000, description: 'What to correct or delete, and why' }),
  },
  { additionalProperties: false },
);

export const DataRequestView = Type.Object({
  id: Uuid,
  kind: DataRequestKind,
  detail: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  createdAt: DateTime,
  dueAt: Type.String({ format: 'date-time', description: 'createdAt + 72 hours (UU 27/2022: 3×24 hours)' }),
  overdue: Type.Boolean(),
  outcome: Nullable(Type.Union([Type.Literal('completed'), Type.Literal('rejected')])),
  resolution: Nullable(Type.String()),
  handledAt: Nullable(DateTime),
});
export const DataRequestList = Type.Object({ items: Type.Array(DataRequestView) });

export const OfficerDataRequestList = Type.Object({
  items: Type.Array(Type.Composite([DataRequestView, Type.Object({ citizen: Type.Object({ id: Uuid, name: Type.String() }) })])),
});
export const OfficerDataRequestQuery = Type.Object(
  {
    status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], { default: 'open' }),
  },
  { additionalProperties: false },
);
export const IdParams = Type.Object({ id: Uuid });
export const CloseDataRequestBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('completed'), Type.Literal('rejected')]),
    resolution: Type.String({ minLength: 1, maxLength: 2000, description: 'What was done, or why not (shown to the citizen)' }),
  },
  { additionalProperties: false },
);

export const DataExport = Type.Object({
  format: Type.Literal('layan.citizen-data.v1'),
  exportedAt: DateTime,
  notes: Type.Object({ id: Type.String(), en: Type.String() }),
  profile: Profile,
  consents: Type.Array(ConsentRecord),
  dataRequests: Type.Array(DataRequestView),
  sessions: Type.Array(
    Type.Object({
      id: Uuid,
      method: Type.Union([Type.Literal('otp'), Type.Literal('password'), Type.Literal('oidc')]),
      createdAt: DateTime,
      lastSeenAt: DateTime,
      expiresAt: DateTime,
      revokedAt: Nullable(DateTime),
      ip: Nullable(Type.String()),
      userAgent: Nullable(Type.String()),
    }),
  ),
  signInCodes: Type.Array(
    Type.Object({
      channel: Channel,
      destination: Type.String({ description: 'Masked' }),
      createdAt: DateTime,
      expiresAt: DateTime,
      usedAt: Nullable(DateTime),
      wrongAttempts: Type.Integer(),
    }),
  ),
  links: Type.Array(
    Type.Object({
      tenantCode: Type.String(),
      regionCode: Type.String(),
      via: Type.Union([Type.Literal('application'), Type.Literal('assisted'), Type.Literal('complaint'), Type.Literal('queue')]),
      firstAt: DateTime,
    }),
    { description: 'The Pemda (and region) the citizen dealt with; their staff may read the citizen' },
  ),
  activity: Type.Array(
    Type.Object({
      at: DateTime,
      action: Type.String(),
      targetType: Nullable(Type.String()),
      targetId: Nullable(Type.String()),
    }),
  ),
});
