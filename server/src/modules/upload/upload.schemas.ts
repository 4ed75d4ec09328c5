import { Type } from '@sinclair/typebox';

export const UploadView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  fileName: Type.String(),
  mediaType: Type.String({ description: 'Sniffed from the content: application/pdf, image/jpeg, image/png or image/webp' }),
  size: Type.Integer({ description: 'Bytes' }),
  attached: Type.Boolean({ description: 'True once attached to an application' }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const UploadQuery = Type.Object(
  {
    name: Type.Optional(
      Type.String({ maxLength: 255, description: 'The file name as the citizen knows it (shown back; never decides the type)' }),
    ),
    serviceId: Type.Optional(
      Type.String({ format: 'uuid', description: 'With `field`: apply that form field’s accepted types and size limit now' }),
    ),
    field: Type.Optional(Type.String({ maxLength: 200, description: 'Key of a file field of the service’s published form' })),
  },
  { additionalProperties: false },
);

export const UploadParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
