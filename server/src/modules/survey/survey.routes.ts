import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import { computeTenantIkm, exportIkmCsv } from './survey.ikm.service.ts';
import {
  CreateSurveyBody,
  IkmQuery,
  IkmView,
  Invitation,
  InvitationView,
  InviteBody,
  PaperReceived,
  Questionnaire,
  ResponseBody,
  ResponseReceived,
  Survey,
  SurveyList,
  SurveyParams,
  TenantParams,
  TokenParams,
  UpdateSurveyBody,
} from './survey.schemas.ts';
import * as service from './survey.service.ts';

const caller = (request: FastifyRequest): Caller => ({ principal: request.principal, context: requestContext(request) });
const STAFF_ERRORS = errorResponses(400, 401, 403, 404, 409, 500);
const PUBLIC_WRITE_ERRORS = errorResponses(400, 404, 409, 413, 415, 500);

/** SKM: survey rounds, invitations, responses (online, tablet, paper) and the IKM with its CSV export. */
export function surveyRoutes(deps: Deps) {
  const surveyDeps = { db: deps.database.db, publicUrl: deps.env.publicUrl };
  return async function register(app: App) {
    app.get(
      '/skm/questionnaire',
      {
        schema: {
          tags: ['skm'],
          summary: 'The nine SKM elements with their official answer labels and the respondent profile (public)',
          response: { 200: Questionnaire },
        },
      },
      async () => service.getQuestionnaire(),
    );

    app.get(
      '/tenants/:tenant/surveys',
      {
        schema: {
          tags: ['skm'],
          summary: 'Published SKM rounds of a tenant (public)',
          params: TenantParams,
          response: { 200: SurveyList, ...errorResponses(400, 500) },
        },
      },
      async (request) => service.listSurveys(surveyDeps, { tenant: request.params.tenant, publishedOnly: true }),
    );

    app.get(
      '/admin/tenants/:tenant/surveys',
      {
        schema: {
          tags: ['skm'],
          summary: 'Every SKM round of a tenant — staff who manage or enter surveys',
          params: TenantParams,
          response: { 200: SurveyList, ...STAFF_ERRORS },
        },
      },
      async (request) => service.listSurveysForStaff(surveyDeps, { caller: caller(request), tenant: request.params.tenant }),
    );

    app.post(
      '/admin/tenants/:tenant/surveys',
      {
        schema: {
          tags: ['skm'],
          summary: 'Open a survey round for a service unit and period — admin Pemda, admin instansi (own agency)',
          params: TenantParams,
          body: CreateSurveyBody,
          response: { 201: Survey, ...STAFF_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.createSurvey(surveyDeps, {
            caller: caller(request),
            tenant: request.params.tenant,
            input: request.body,
          }),
        ),
    );

    app.patch(
      '/admin/tenants/:tenant/surveys/:id',
      {
        schema: {
          tags: ['skm'],
          summary: 'Change title, population (N), open/closed, and the follow-up plan (rencana tindak lanjut)',
          params: SurveyParams,
          body: UpdateSurveyBody,
          response: { 200: Survey, ...STAFF_ERRORS },
        },
      },
      async (request) =>
        service.updateSurvey(surveyDeps, {
          caller: caller(request),
          tenant: request.params.tenant,
          id: request.params.id,
          input: request.body,
        }),
    );

    app.post(
      '/admin/tenants/:tenant/surveys/:id/publish',
      {
        schema: {
          tags: ['skm'],
          summary: 'Publish the round: its report page and responses become public',
          params: SurveyParams,
          response: { 200: Survey, ...STAFF_ERRORS },
        },
      },
      async (request) =>
        service.publishSurvey(surveyDeps, { caller: caller(request), tenant: request.params.tenant, id: request.params.id }),
    );

    app.post(
      '/admin/tenants/:tenant/surveys/:id/invitations',
      {
        schema: {
          tags: ['skm'],
          summary: 'An invitation: for the counter tablet (answer now) or sent by e-mail/SMS/WhatsApp',
          params: SurveyParams,
          body: InviteBody,
          response: { 201: Invitation, ...STAFF_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.createInvitation(surveyDeps, {
            caller: caller(request),
            tenant: request.params.tenant,
            id: request.params.id,
            input: request.body,
          }),
        ),
    );

    app.post(
      '/admin/tenants/:tenant/surveys/:id/responses',
      {
        schema: {
          tags: ['skm'],
          summary: 'Type in a paper questionnaire',
          params: SurveyParams,
          body: ResponseBody,
          response: { 201: PaperReceived, ...STAFF_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.enterPaperResponse(surveyDeps, {
            caller: caller(request),
            tenant: request.params.tenant,
            id: request.params.id,
            body: request.body,
          }),
        ),
    );

    app.get(
      '/survey-invitations/:token',
      {
        schema: {
          tags: ['skm'],
          summary: 'The questionnaire behind an invitation link (public)',
          params: TokenParams,
          response: { 200: InvitationView, ...errorResponses(400, 404, 409, 500) },
        },
      },
      async (request) => service.getInvitation(surveyDeps, { token: request.params.token }),
    );

    app.post(
      '/survey-invitations/:token/response',
      {
        schema: {
          tags: ['skm'],
          summary: 'Answer the survey: one response per invitation (public)',
          params: TokenParams,
          body: ResponseBody,
          response: { 201: ResponseReceived, ...PUBLIC_WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.submitResponse(surveyDeps, {
            token: request.params.token,
            body: request.body,
            context: requestContext(request),
          }),
        ),
    );

    app.get(
      '/ikm',
      {
        schema: {
          tags: ['skm'],
          summary: 'IKM by survey, agency, location, service, tenant and period (public: published rounds)',
          description:
            'PermenPAN-RB 14/2017: NRR per element, IKM = mean NRR × 25 (or 0.111 weights), mutu/kinerja, weak elements, the Krejcie–Morgan sample target. Staff who manage the tenant’s rounds also see unpublished ones.',
          querystring: IkmQuery,
          response: { 200: IkmView, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => computeTenantIkm(surveyDeps, { principal: request.principal, query: request.query }),
    );

    app.get(
      '/ikm/export.csv',
      {
        schema: {
          tags: ['skm'],
          summary: 'The responses behind /ikm as CSV, in the format `layan ikm` reads',
          querystring: IkmQuery,
          response: { 200: Type.String({ description: 'text/csv' }), ...errorResponses(400, 404, 500) },
        },
      },
      async (request, reply) => {
        const csv = await exportIkmCsv(surveyDeps, { principal: request.principal, query: request.query });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="skm-${request.query.tenant}.csv"`)
          .send(csv);
      },
    );
  };
}
