import { Type } from '@sinclair/typebox';

/** Shapes of the staff's read of a citizen's record (docs/CITIZENS.md, "Staff reads"). */
export const StaffCitizenParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const StaffCitizenQuery = Type.Object(
  { nik: Type.String({ minLength: 1, maxLength: 40, description: 'The 16-digit NIK (spaces allowed)' }) },
  { additionalProperties: false },
);

export const StaffCitizenView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  nik: Type.String({ description: 'Masked: only the last four digits', examples: ['************0001'] }),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  links: Type.Array(
    Type.Object({
      tenantCode: Type.String(),
      regionCode: Type.String(),
      via: Type.Union([Type.Literal('application'), Type.Literal('assisted'), Type.Literal('complaint'), Type.Literal('queue')]),
      firstAt: Type.String({ format: 'date-time' }),
    }),
    { description: 'Where the citizen dealt with a Pemda, within the caller’s regions only' },
  ),
});
