import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { LANGUAGE_COOKIE, pickLanguage } from '../../lib/language.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import { EVIDENCE_BODY_LIMIT, parseFilingForm, type EvidenceFile } from './complaint.evidence.ts';
import { complaintStats, exportForLapor, listCategories } from './complaint.report.service.ts';
import {
  ActionBody,
  ActionParams,
  CategoryList,
  ComplaintList,
  ComplaintParams,
  ComplaintStats,
  EscalateResult,
  EvidenceParams,
  ExportQuery,
  FileComplaintBody,
  FiledComplaint,
  ListQuery,
  PublicComplaint,
  RateBody,
  ReopenBody,
  StaffComplaint,
  StatsQuery,
  TenantParams,
  TrackParams,
} from './complaint.schemas.ts';
import * as service from './complaint.service.ts';

const caller = (request: FastifyRequest): Caller => ({ principal: request.principal, context: requestContext(request) });
const language = (request: FastifyRequest) =>
  pickLanguage(request.headers['accept-language'], request.cookies?.[LANGUAGE_COOKIE]);

const PUBLIC_WRITE_ERRORS = errorResponses(400, 404, 409, 413, 415, 429, 500);
const STAFF_ERRORS = errorResponses(400, 401, 403, 404, 409, 500);

/** Complaints: filing and tracking (public), handling (staff), statistics and the SP4N-LAPOR! export. */
export function complaintRoutes(deps: Deps) {
  const complaintDeps = { db: deps.database.db, publicUrl: deps.env.publicUrl };
  return async function register(app: App) {
    // A filing with evidence is multipart/form-data: the fields become the JSON body (validated
    // by the same schema), the files wait here for the handler (docs/COMPLAINTS.md, "Evidence").
    const evidenceOf = new WeakMap<FastifyRequest, EvidenceFile[]>();
    app.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: EVIDENCE_BODY_LIMIT },
      async (request: FastifyRequest, payload: Buffer) => {
        const { body, files } = await parseFilingForm(payload, String(request.headers['content-type']));
        evidenceOf.set(request, files);
        return body;
      },
    );

    app.get(
      '/complaints/categories',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Complaint kinds, categories and working-day deadlines (public)',
          response: { 200: CategoryList },
        },
      },
      async () => listCategories(),
    );

    app.post(
      '/complaints',
      {
        schema: {
          tags: ['complaints'],
          summary: 'File a complaint, with or without an account; answers the tracking code (public)',
          description:
            '`anonymous` (anonim) hides the identity from everyone handling it — enforced by the database; `confidential` (rahasia) keeps it out of anything public. A signed-in citizen’s contact is used when none is given. Verification is due in 3 working days. With evidence, send `multipart/form-data`: the same fields as text (`anonymous`/`confidential` as `true` or `on`, absent = false) and up to 5 files in the field `evidence` (PDF, JPEG or PNG by content, 5 MB each); a refused file files nothing (415 `COMPLAINT_EVIDENCE_TYPE_NOT_ALLOWED`, 413 `COMPLAINT_EVIDENCE_TOO_LARGE`, 400 `COMPLAINT_EVIDENCE_TOO_MANY`).',
          body: FileComplaintBody,
          response: { 201: FiledComplaint, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.fileComplaint(complaintDeps, {
            input: request.body,
            citizen: request.citizen,
            evidence: evidenceOf.get(request) ?? [],
            context: requestContext(request),
            language: language(request),
          }),
        ),
    );

    app.get(
      '/complaints/track/:code',
      {
        schema: {
          tags: ['complaints'],
          summary: 'A complaint by its tracking code: status, timeline, deadlines and the answer (public)',
          params: TrackParams,
          response: { 200: PublicComplaint, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => service.trackComplaint(complaintDeps, { code: request.params.code }),
    );

    app.post(
      '/complaints/track/:code/reopen',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Reopen an answered complaint within the window (the tracking code is the key)',
          params: TrackParams,
          body: ReopenBody,
          response: { 200: PublicComplaint, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request) =>
        service.reopenComplaint(complaintDeps, {
          code: request.params.code,
          reason: request.body.reason,
          context: requestContext(request),
        }),
    );

    app.post(
      '/complaints/track/:code/rating',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Rate the answer, 1–4, once per answer',
          params: TrackParams,
          body: RateBody,
          response: { 200: PublicComplaint, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request) =>
        service.rateComplaint(complaintDeps, {
          code: request.params.code,
          rating: request.body.rating,
          note: request.body.note,
          context: requestContext(request),
        }),
    );

    app.get(
      '/tenants/:tenant/complaints/stats',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Public statistics of a tenant’s complaints: volume, on-time rate, by category',
          params: TenantParams,
          querystring: StatsQuery,
          response: { 200: ComplaintStats, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) =>
        complaintStats(complaintDeps, { tenant: request.params.tenant, from: request.query.from, to: request.query.to }),
    );

    app.get(
      '/admin/tenants/:tenant/complaints',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Complaints to handle — admin Pemda (all), admin instansi / back office (disposed to their agency)',
          params: TenantParams,
          querystring: ListQuery,
          response: { 200: ComplaintList, ...STAFF_ERRORS },
        },
      },
      async (request) =>
        service.listComplaints(complaintDeps, {
          caller: caller(request),
          tenant: request.params.tenant,
          status: request.query.status,
          limit: request.query.limit,
          offset: request.query.offset,
        }),
    );

    app.get(
      '/admin/tenants/:tenant/complaints/export',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Export for SP4N-LAPOR! (JSON records or CSV) — admin Pemda',
          description: 'Columns and meaning: docs/COMPLAINTS.md. Reporter fields stay empty for anonim complaints.',
          params: TenantParams,
          querystring: ExportQuery,
          response: { 200: Type.String({ description: 'JSON { from, to, records } or CSV' }), ...STAFF_ERRORS },
        },
      },
      async (request, reply) => {
        const result = await exportForLapor(complaintDeps, {
          caller: caller(request),
          tenant: request.params.tenant,
          from: request.query.from,
          to: request.query.to,
        });
        const name = `pengaduan-${request.params.tenant}-${result.from}-${result.to}`;
        if (request.query.format === 'csv') {
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(result.csv);
        }
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .send(JSON.stringify({ from: result.from, to: result.to, records: result.records }));
      },
    );

    app.get(
      '/admin/tenants/:tenant/complaints/:id',
      {
        schema: {
          tags: ['complaints'],
          summary: 'One complaint with its history; the reporter only for a coordinator and never when anonim',
          params: ComplaintParams,
          response: { 200: StaffComplaint, ...STAFF_ERRORS },
        },
      },
      async (request) =>
        service.getComplaint(complaintDeps, { caller: caller(request), tenant: request.params.tenant, id: request.params.id }),
    );

    app.get(
      '/admin/tenants/:tenant/complaints/:id/evidence/:evidenceId',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Download one evidence file — the coordinator, or the handlers of the agency it is disposed to',
          description: 'Nothing in the file’s record names who sent it. Audited as complaint.evidence_read.',
          params: EvidenceParams,
          response: {
            200: { type: 'string', format: 'binary', description: 'The file' },
            ...STAFF_ERRORS,
          },
        },
      },
      async (request, reply) => {
        const file = await service.readComplaintEvidence(complaintDeps, {
          caller: caller(request),
          tenant: request.params.tenant,
          id: request.params.id,
          evidenceId: request.params.evidenceId,
        });
        const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
        return reply
          .header('content-type', file.mediaType)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .send(file.bytes);
      },
    );

    app.post(
      '/admin/tenants/:tenant/complaints/:id/:action',
      {
        schema: {
          tags: ['complaints'],
          summary: 'A step: verify · reject (bukan wewenang) · archive · dispose · follow_up · answer',
          description:
            'verify {responseClass?}; reject/archive {note}; dispose {agencyId, locationId?} (coordinator) or {locationId} (agency, further down); follow_up {note?}; answer {answer}. Out of order → COMPLAINT_ACTION_NOT_ALLOWED.',
          params: ActionParams,
          body: ActionBody,
          response: { 200: StaffComplaint, ...STAFF_ERRORS },
        },
      },
      async (request) =>
        service.actOnComplaint(complaintDeps, {
          caller: caller(request),
          tenant: request.params.tenant,
          id: request.params.id,
          action: request.params.action,
          input: request.body,
        }),
    );

    app.post(
      '/admin/tenants/:tenant/complaints/escalate',
      {
        schema: {
          tags: ['complaints'],
          summary: 'Escalate every complaint past its stage deadline (for a daily job) — admin Pemda',
          params: TenantParams,
          response: { 200: EscalateResult, ...STAFF_ERRORS },
        },
      },
      async (request) => service.escalateOverdue(complaintDeps, { caller: caller(request), tenant: request.params.tenant }),
    );
  };
}
