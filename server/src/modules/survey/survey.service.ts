import {
  IKM_ELEMENT_CODES,
  SKM_PROFILE,
  SKM_QUESTIONS,
  localDateOf,
  timeZoneOfRegion,
  validateSkmAnswers,
  type IkmElementCode,
  type IkmResponse,
} from '@layan/domain';
import type { Kysely, Transaction } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import { withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { normalizeDestination } from '../citizen/citizen.auth.service.ts';
import { actingRole, authorize, requireStaff, scopeOfGrants, type Action, type Grant } from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import { enqueueInTx } from '../outbox/outbox.repo.ts';
import { findAgencyInTx, findLocationInTx } from '../tenancy/tenancy.repo.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import { findServiceRefInTx } from '../catalog/catalog.repo.ts';
import { absoluteUrl } from '../complaint/complaint.calendar.ts';
import * as repo from './survey.repo.ts';
import type { CreateSurveyBody, InviteBody, ResponseBody, UpdateSurveyBody } from './survey.schemas.ts';

export interface SurveyDeps {
  db: Kysely<DB>;
  publicUrl?: string;
}

/** Invitations stay valid this long: a Layan default, not a regulation. */
export const INVITATION_DAYS = 30;
const DAY_MS = 86_400_000;

const zoneOf = (tenant: string) => timeZoneOfRegion(tenant) ?? 'Asia/Jakarta';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function surveyView(row: repo.SurveyRow) {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    title: row.title,
    agency: { id: row.agency_id, name: row.agency_name },
    location: row.location_id ? { id: row.location_id, name: row.location_name } : null,
    service: row.service_id ? { id: row.service_id, name: row.service_name } : null,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    population: row.population,
    status: row.status,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    followUp: row.follow_up as Array<{ element: IkmElementCode; action: string; owner: string; due?: string }>,
  };
}

async function onSurveyUnit<T>(
  deps: SurveyDeps,
  options: {
    caller: Caller;
    action: Action;
    tenant: string;
    agencyId?: string;
    locationId?: string | null;
    work: (trx: Transaction<DB>, grants: Grant[]) => Promise<T>;
  },
): Promise<T> {
  const grants = authorize(options.caller.principal, options.action, {
    regionCode: options.tenant,
    agencyId: options.agencyId,
    locationId: options.locationId === null ? undefined : options.locationId,
  });
  return withScope(deps.db, scopeOfGrants(grants, requireStaff(options.caller.principal).staffId), async (trx) => {
    if (!(await repo.findTenantInTx(trx, options.tenant))) throw new AppError('TENANT_NOT_FOUND', { code: options.tenant });
    return options.work(trx, grants);
  });
}

/** Checks staff may act on this survey's unit (an admin instansi only for its agency's rounds), inside the scoped transaction. */
async function staffSurvey<T>(
  deps: SurveyDeps,
  options: {
    caller: Caller;
    action: Action;
    tenant: string;
    id: string;
    work: (trx: Transaction<DB>, survey: repo.SurveyRow, grants: Grant[]) => Promise<T>;
  },
) {
  return onSurveyUnit(deps, {
    caller: options.caller,
    action: options.action,
    tenant: options.tenant,
    work: async (trx, grants) => {
      const survey = await repo.findSurveyInTx(trx, options.tenant, options.id);
      if (!survey) throw new AppError('SURVEY_NOT_FOUND');
      authorize(options.caller.principal, options.action, {
        regionCode: options.tenant,
        agencyId: survey.agency_id,
        locationId: survey.location_id ?? undefined,
      });
      return options.work(trx, survey, grants);
    },
  });
}

async function audit(
  trx: Transaction<DB>,
  options: {
    caller: Caller;
    grants: Grant[];
    action: string;
    tenant: string;
    surveyId: string;
    detail?: Record<string, unknown>;
  },
) {
  await appendAuditInTx(trx, {
    action: options.action,
    actor: { type: 'staff', id: requireStaff(options.caller.principal).staffId, role: actingRole(options.grants) },
    tenantCode: options.tenant,
    target: { type: 'survey', id: options.surveyId },
    ip: options.caller.context.ip,
    requestId: options.caller.context.requestId,
    detail: options.detail ?? {},
  });
}

/**
 * A survey round for a service unit (agency, optionally one location or service) and period.
 * Throws AUTH_REQUIRED, FORBIDDEN, TENANT_NOT_FOUND, AGENCY_NOT_FOUND, LOCATION_NOT_FOUND,
 * SERVICE_NOT_FOUND, SURVEY_PERIOD_INVALID.
 */
export async function createSurvey(deps: SurveyDeps, options: { caller: Caller; tenant: string; input: CreateSurveyBody }) {
  const { input } = options;
  if (input.periodEnd < input.periodStart)
    throw new AppError('SURVEY_PERIOD_INVALID', { detail: 'periodEnd is before periodStart' });
  if (Date.parse(input.periodEnd) - Date.parse(input.periodStart) > 366 * DAY_MS)
    throw new AppError('SURVEY_PERIOD_INVALID', { detail: 'a round lasts at most a year' });
  return onSurveyUnit(deps, {
    caller: options.caller,
    action: 'survey.manage',
    tenant: options.tenant,
    agencyId: input.agencyId,
    locationId: input.locationId ?? null,
    work: async (trx, grants) => {
      if (!(await findAgencyInTx(trx, options.tenant, input.agencyId))) throw new AppError('AGENCY_NOT_FOUND');
      if (input.locationId && !(await findLocationInTx(trx, options.tenant, input.locationId)))
        throw new AppError('LOCATION_NOT_FOUND');
      if (input.serviceId) {
        const service = await findServiceRefInTx(trx, options.tenant, input.serviceId);
        if (!service || service.agency_id !== input.agencyId) throw new AppError('SERVICE_NOT_FOUND');
      }
      const id = await repo.insertSurveyInTx(trx, {
        tenant_code: options.tenant,
        title: input.title.trim(),
        agency_id: input.agencyId,
        location_id: input.locationId ?? null,
        service_id: input.serviceId ?? null,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        population: input.population ?? null,
        created_by: requireStaff(options.caller.principal).staffId,
      });
      await audit(trx, { caller: options.caller, grants, action: 'survey.create', tenant: options.tenant, surveyId: id });
      return surveyView((await repo.findSurveyInTx(trx, options.tenant, id))!);
    },
  });
}

/** Changes title, population (N), status open/closed and the follow-up plan. Throws AUTH_REQUIRED, FORBIDDEN, SURVEY_NOT_FOUND. */
export async function updateSurvey(
  deps: SurveyDeps,
  options: { caller: Caller; tenant: string; id: string; input: UpdateSurveyBody },
) {
  return staffSurvey(deps, {
    ...options,
    action: 'survey.manage',
    work: async (trx, survey, grants) => {
      const { input } = options;
      if (input.status && survey.status === 'published') throw new AppError('SURVEY_CLOSED');
      await repo.updateSurveyInTx(
        trx,
        { tenantCode: options.tenant, id: survey.id },
        {
          ...(input.title !== undefined ? { title: input.title.trim() } : {}),
          ...(input.population !== undefined ? { population: input.population } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.followUp !== undefined ? { follow_up: JSON.stringify(input.followUp) } : {}),
        },
      );
      await audit(trx, {
        caller: options.caller,
        grants,
        action: 'survey.update',
        tenant: options.tenant,
        surveyId: survey.id,
        detail: { fields: Object.keys(input) },
      });
      return surveyView((await repo.findSurveyInTx(trx, options.tenant, survey.id))!);
    },
  });
}

/** Publishes the round: its report page and its responses become public. Throws AUTH_REQUIRED, FORBIDDEN, SURVEY_NOT_FOUND. */
export async function publishSurvey(deps: SurveyDeps, options: { caller: Caller; tenant: string; id: string; now?: Date }) {
  return staffSurvey(deps, {
    ...options,
    action: 'survey.manage',
    work: async (trx, survey, grants) => {
      if (survey.status !== 'published') {
        await repo.updateSurveyInTx(
          trx,
          { tenantCode: options.tenant, id: survey.id },
          {
            status: 'published',
            published_at: options.now ?? new Date(),
          },
        );
        await audit(trx, {
          caller: options.caller,
          grants,
          action: 'survey.publish',
          tenant: options.tenant,
          surveyId: survey.id,
        });
      }
      return surveyView((await repo.findSurveyInTx(trx, options.tenant, survey.id))!);
    },
  });
}

/** A tenant's rounds: all for staff who may manage or enter them, the published ones for anyone else. Never throws for an unknown tenant (empty list). */
export async function listSurveys(deps: SurveyDeps, options: { tenant: string; publishedOnly: boolean }) {
  return withScope(deps.db, { regions: [] }, async (trx) => ({
    items: (await repo.listSurveysInTx(trx, { tenantCode: options.tenant, publishedOnly: options.publishedOnly })).map(
      surveyView,
    ),
  }));
}

/** Every round of a tenant, for staff who manage or enter surveys. Throws AUTH_REQUIRED, FORBIDDEN. */
export async function listSurveysForStaff(deps: SurveyDeps, options: { caller: Caller; tenant: string }) {
  authorize(options.caller.principal, 'survey.enter', { regionCode: options.tenant });
  return listSurveys(deps, { tenant: options.tenant, publishedOnly: false });
}

export interface NewInvitation {
  tenantCode: string;
  surveyId: string;
  source: 'application' | 'queue' | 'counter' | 'manual';
  sourceRef?: string | null;
  serviceId?: string | null;
  locationId?: string | null;
  now: Date;
}

/** Writes an invitation and returns its one-time token and link; undefined when the source event already has one. */
export async function insertInvitationInTx(trx: Transaction<DB>, publicUrl: string | undefined, invitation: NewInvitation) {
  const token = randomBytes(24).toString('base64url');
  const inserted = await repo.insertInvitationInTx(trx, {
    tenant_code: invitation.tenantCode,
    survey_id: invitation.surveyId,
    token_hash: hashToken(token),
    source: invitation.source,
    source_ref: invitation.sourceRef ?? null,
    service_id: invitation.serviceId ?? null,
    location_id: invitation.locationId ?? null,
    expires_at: new Date(invitation.now.getTime() + INVITATION_DAYS * DAY_MS),
  });
  if (!inserted) return undefined;
  return { token, url: absoluteUrl(publicUrl, `/survei/${token}`) };
}

export interface InviteAfterServiceOptions {
  publicUrl?: string;
  tenantCode: string;
  agencyId: string;
  locationId?: string | null;
  serviceId?: string | null;
  source: 'application' | 'queue';
  /** The application's tracking code or the ticket's id: one invitation per event. */
  sourceRef: string;
  recipient?: { channel: 'email' | 'sms' | 'whatsapp'; address: string; language: 'id' | 'en' };
  now?: Date;
}

/**
 * For the application and queue modules, inside their own transaction (their scope must reach the
 * tenant): invites the citizen to the open SKM round of the unit that served them, and sends the
 * link when a recipient is given. Returns undefined when no round is open or the event was already
 * invited. Template `survey.invitation` {surveyTitle, agencyName, surveyUrl, expiresAt}.
 */
export async function inviteAfterServiceInTx(trx: Transaction<DB>, options: InviteAfterServiceOptions) {
  const now = options.now ?? new Date();
  const today = localDateOf(now, zoneOf(options.tenantCode));
  const survey = await repo.findOpenSurveyForUnitInTx(trx, {
    tenantCode: options.tenantCode,
    agencyId: options.agencyId,
    locationId: options.locationId,
    today,
  });
  if (!survey) return undefined;
  const invitation = await insertInvitationInTx(trx, options.publicUrl, {
    tenantCode: options.tenantCode,
    surveyId: survey.id,
    source: options.source,
    sourceRef: options.sourceRef,
    serviceId: options.serviceId,
    locationId: options.locationId,
    now,
  });
  if (!invitation) return undefined;
  if (options.recipient) {
    const agency = await findAgencyInTx(trx, options.tenantCode, options.agencyId);
    await enqueueInTx(trx, {
      tenantCode: options.tenantCode,
      channel: options.recipient.channel,
      recipient: normalizeDestination(options.recipient.channel === 'email' ? 'email' : 'sms', options.recipient.address),
      template: 'survey.invitation',
      language: options.recipient.language,
      data: {
        surveyTitle: survey.title,
        agencyName: agency?.name ?? '',
        surveyUrl: invitation.url,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString(),
        timeZone: zoneOf(options.tenantCode),
      },
      dedupeKey: `survey:${survey.id}:${options.source}:${options.sourceRef}`,
    });
  }
  return { surveyId: survey.id, ...invitation };
}

/**
 * Staff make an invitation: for the counter tablet (shown at once) or sent to a recipient. Throws
 * AUTH_REQUIRED, FORBIDDEN, SURVEY_NOT_FOUND, SURVEY_CLOSED, DESTINATION_INVALID.
 */
export async function createInvitation(
  deps: SurveyDeps,
  options: { caller: Caller; tenant: string; id: string; input: InviteBody; now?: Date },
) {
  const now = options.now ?? new Date();
  return staffSurvey(deps, {
    ...options,
    action: 'survey.enter',
    work: async (trx, survey, grants) => {
      if (survey.status !== 'open') throw new AppError('SURVEY_CLOSED');
      const { input } = options;
      const invitation = (await insertInvitationInTx(trx, deps.publicUrl, {
        tenantCode: options.tenant,
        surveyId: survey.id,
        source: input.recipient ? 'manual' : 'counter',
        sourceRef: null,
        serviceId: input.serviceId ?? survey.service_id,
        locationId: input.locationId ?? survey.location_id,
        now,
      }))!;
      if (input.recipient) {
        const channel = input.recipient.channel;
        await enqueueInTx(trx, {
          tenantCode: options.tenant,
          channel,
          recipient: normalizeDestination(channel === 'email' ? 'email' : 'sms', input.recipient.address),
          template: 'survey.invitation',
          language: input.recipient.language ?? 'id',
          data: {
            surveyTitle: survey.title,
            agencyName: survey.agency_name,
            surveyUrl: invitation.url,
            expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString(),
            timeZone: zoneOf(options.tenant),
          },
        });
      }
      await audit(trx, {
        caller: options.caller,
        grants,
        action: 'survey.invite',
        tenant: options.tenant,
        surveyId: survey.id,
        detail: { channel: input.recipient?.channel ?? 'counter' },
      });
      return { ...invitation, expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString() };
    },
  });
}

async function openInvitationInTx(trx: Transaction<DB>, token: string, now: Date) {
  const tokenHash = hashToken(token);
  await repo.presentTokenInTx(trx, tokenHash);
  const invitation = await repo.findInvitationByTokenInTx(trx, tokenHash);
  if (!invitation || invitation.expires_at.getTime() < now.getTime()) throw new AppError('SURVEY_INVITATION_INVALID');
  if (invitation.used_at) throw new AppError('SURVEY_INVITATION_USED');
  const survey = await repo.findSurveyInTx(trx, invitation.tenant_code, invitation.survey_id);
  if (!survey) throw new AppError('SURVEY_INVITATION_INVALID');
  if (survey.status !== 'open') throw new AppError('SURVEY_CLOSED');
  return { invitation, survey };
}

function questionnaire() {
  return {
    questions: SKM_QUESTIONS.map((q) => ({ ...q, labels: [...q.labels], labelsEn: [...q.labelsEn] })),
    profile: {
      ageBand: SKM_PROFILE.ageBand.map((o) => ({ ...o })),
      sex: SKM_PROFILE.sex.map((o) => ({ ...o })),
      education: SKM_PROFILE.education.map((o) => ({ ...o })),
      occupation: SKM_PROFILE.occupation.map((o) => ({ ...o })),
    },
  };
}

/** The questionnaire behind an invitation link (public). Throws SURVEY_INVITATION_INVALID, SURVEY_INVITATION_USED, SURVEY_CLOSED. */
export async function getInvitation(deps: SurveyDeps, options: { token: string; now?: Date }) {
  return withScope(deps.db, { regions: [] }, async (trx) => {
    const { invitation, survey } = await openInvitationInTx(trx, options.token, options.now ?? new Date());
    return {
      survey: surveyView(survey),
      expiresAt: invitation.expires_at.toISOString(),
      ...questionnaire(),
    };
  });
}

/** The public questionnaire (labels and profile options), for the paper-entry page and printing. */
export function getQuestionnaire() {
  return questionnaire();
}

function checked(body: ResponseBody) {
  const result = validateSkmAnswers(body.answers, body.profile ?? {});
  if (!result.ok) {
    throw new AppError(
      'SKM_ANSWERS_INVALID',
      { fields: [...new Set(result.issues.map((i) => i.field))].join(', ') },
      result.issues,
    );
  }
  return result.response;
}

function responseValues(response: IkmResponse, body: ResponseBody) {
  const answers = Object.fromEntries(IKM_ELEMENT_CODES.map((c) => [c.toLowerCase(), response[c] ?? null])) as Record<
    'u1' | 'u2' | 'u3' | 'u4' | 'u5' | 'u6' | 'u7' | 'u8' | 'u9',
    number | null
  >;
  const profile = body.profile ?? {};
  return {
    ...answers,
    age_band: profile.ageBand ?? null,
    sex: profile.sex ?? null,
    education: profile.education ?? null,
    occupation: profile.occupation ?? null,
    suggestion: body.suggestion?.trim() || null,
  };
}

/**
 * One response through an invitation; the invitation is then used up. Throws SKM_ANSWERS_INVALID,
 * SURVEY_INVITATION_INVALID, SURVEY_INVITATION_USED, SURVEY_CLOSED.
 */
export async function submitResponse(
  deps: SurveyDeps,
  options: { token: string; body: ResponseBody; context: RequestContext; now?: Date },
) {
  const response = checked(options.body);
  const now = options.now ?? new Date();
  return withScope(deps.db, { regions: [] }, async (trx) => {
    const { invitation, survey } = await openInvitationInTx(trx, options.token, now);
    if (!(await repo.useInvitationInTx(trx, { tenantCode: invitation.tenant_code, id: invitation.id }, now)))
      throw new AppError('SURVEY_INVITATION_USED');
    await repo.insertResponseInTx(trx, {
      tenant_code: invitation.tenant_code,
      survey_id: survey.id,
      invitation_id: invitation.id,
      channel: invitation.source === 'counter' ? 'tablet' : 'online',
      ...responseValues(response, options.body),
      service_id: invitation.service_id,
      location_id: invitation.location_id,
      submitted_at: now,
      entered_by: null,
    });
    await appendAuditInTx(trx, {
      action: 'survey.respond',
      actor: { type: 'citizen', id: null },
      tenantCode: invitation.tenant_code,
      target: { type: 'survey', id: survey.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { source: invitation.source },
    });
    return { surveyId: survey.id, received: true };
  });
}

/** Staff type in a paper questionnaire. Throws AUTH_REQUIRED, FORBIDDEN, SURVEY_NOT_FOUND, SURVEY_CLOSED, SKM_ANSWERS_INVALID. */
export async function enterPaperResponse(
  deps: SurveyDeps,
  options: { caller: Caller; tenant: string; id: string; body: ResponseBody; now?: Date },
) {
  const response = checked(options.body);
  return staffSurvey(deps, {
    ...options,
    action: 'survey.enter',
    work: async (trx, survey, grants) => {
      if (survey.status === 'published') throw new AppError('SURVEY_CLOSED');
      await repo.insertResponseInTx(trx, {
        tenant_code: options.tenant,
        survey_id: survey.id,
        invitation_id: null,
        channel: 'paper',
        ...responseValues(response, options.body),
        service_id: survey.service_id,
        location_id: survey.location_id,
        submitted_at: options.now ?? new Date(),
        entered_by: requireStaff(options.caller.principal).staffId,
      });
      const { n } = await repo.countResponsesInTx(trx, options.tenant, survey.id);
      await audit(trx, {
        caller: options.caller,
        grants,
        action: 'survey.enter_paper',
        tenant: options.tenant,
        surveyId: survey.id,
      });
      return { surveyId: survey.id, responses: n };
    },
  });
}
