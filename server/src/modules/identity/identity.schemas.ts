import { Type, type Static } from '@sinclair/typebox';
import { RegionCode } from '../region/region.schemas.ts';

/** Request and response shapes of staff authentication and staff administration. */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 200 });
export const NewPassword = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' });
export const OtpCode = Type.String({ pattern: '^\\d{6}$', description: 'The 6-digit code of the authenticator app' });
export const Uuid = Type.String({ format: 'uuid' });

export const StaffRole = Type.Union(
  (
    [
      'admin_nasional',
      'admin_pemda',
      'admin_instansi',
      'supervisor',
      'petugas_loket',
      'petugas_back_office',
      'operator_desa',
      'pemantau',
    ] as const
  ).map((r) => Type.Literal(r)),
  { description: 'Role granted at a node of the region tree (docs/ACCESS.md)' },
);

export const GrantSchema = Type.Object(
  {
    role: StaffRole,
    regionCode: Type.Union([RegionCode, Type.Null()], {
      description: 'Node the grant reaches down from; null = all of Indonesia',
    }),
    agencyId: Type.Optional(Uuid),
    locationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const SignInBody = Type.Object(
  { email: Email, password: Password, otp: Type.Optional(OtpCode) },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const SessionView = Type.Object({
  staff: Type.Object({
    id: Uuid,
    name: Type.String(),
    regionCode: Type.Union([Type.String(), Type.Null()]),
  }),
  grants: Type.Array(GrantSchema),
  session: Type.Object({ id: Uuid }),
});

export const SignInResponse = Type.Object({
  staff: Type.Object({
    id: Uuid,
    name: Type.String(),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    totpEnabled: Type.Boolean(),
  }),
  grants: Type.Array(GrantSchema),
  session: Type.Object({ id: Uuid, expiresAt: Type.String({ format: 'date-time' }) }),
});

export const SessionList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      current: Type.Boolean(),
      createdAt: Type.String({ format: 'date-time' }),
      lastSeenAt: Type.String({ format: 'date-time' }),
      expiresAt: Type.String({ format: 'date-time' }),
      ip: Type.Union([Type.String(), Type.Null()]),
      userAgent: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const SessionIdParams = Type.Object({ id: Uuid });
export const EmptyBody = Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()]);

export const TotpEnrolment = Type.Object({
  uri: Type.String({ description: 'otpauth:// URI, shown as a QR code' }),
  secret: Type.String({ description: 'The same secret in base32, for typing in' }),
});
export const TotpConfirmBody = Type.Object({ otp: OtpCode }, { additionalProperties: false });

/** A grant as the staff administration shows it, with the id that revokes it. */
export const GrantView = Type.Composite([Type.Object({ id: Uuid }), GrantSchema]);
export const StaffIdParams = Type.Object({ id: Uuid });
export const StaffGrantParams = Type.Object({ id: Uuid, grantId: Uuid });

export const StaffView = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  locked: Type.Boolean(),
  disabled: Type.Boolean(),
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  grants: Type.Array(GrantView),
});

export const CreateStaffBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 2, maxLength: 200 }),
    regionCode: Type.Union([RegionCode, Type.Null()], {
      description: 'Home region: who may see and manage the account; null = national',
    }),
    password: Type.Optional(NewPassword),
    grants: Type.Array(GrantSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CreateStaffBody = Static<typeof CreateStaffBody>;

export const CreateStaffResponse = Type.Object({
  staff: StaffView,
  password: Type.Optional(Type.String({ description: 'Generated password, shown this once (when none was given)' })),
});

export const StaffListQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export const StaffList = Type.Object({ items: Type.Array(StaffView) });
