import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ERROR_REGISTRY } from '../errors.ts';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable code from the registry (docs/ERRORS.md)' }),
      message: Type.String({ description: 'In Bahasa Indonesia, or English when Accept-Language asks for it' }),
      requestId: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', title: 'Error' },
);

/** Response entries for the listed statuses, each naming the error codes that answer with it. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => {
      const codes = Object.entries(ERROR_REGISTRY)
        .filter(([, e]) => e.status === status)
        .map(([code]) => code);
      return [status, { ...Type.Ref(ErrorResponse), description: `Error: ${codes.join(', ')}` }];
    }),
  );
}

/** OpenAPI 3.1 document at /api/docs/json, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Layan API',
        version: '1',
        description:
          'API publik dan mitra Layan — layanan publik digital. Public and partner API of Layan. ' +
          'Errors carry a stable `code` and a message in Bahasa Indonesia (default) or English (`Accept-Language: en`).',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      tags: [
        { name: 'regions', description: 'Wilayah Kemendagri — the region tree' },
        { name: 'structure', description: 'Instansi, lokasi dan loket — agencies, locations and counters' },
        { name: 'auth', description: 'Masuk dan sesi petugas — staff sign-in and sessions' },
        { name: 'admin', description: 'Administrasi — tenants, staff and structure (staff only)' },
        { name: 'citizen', description: 'Akun warga, persetujuan dan hak atas data — citizen accounts, consent and data rights' },
        {
          name: 'documents',
          description: 'Dokumen keluaran dan verifikasinya — output documents, signing keys and verification',
        },
        { name: 'complaints', description: 'Pengaduan (SP4N-LAPOR!) — complaints, tracking, statistics and export' },
        { name: 'skm', description: 'Survei Kepuasan Masyarakat dan IKM — satisfaction surveys and the index' },
        {
          name: 'queue',
          description: 'Antrean: pemesanan, kios, loket, layar — queues: booking, kiosk, counter console, display board',
        },
        { name: 'ops', description: 'Health and readiness' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
}
