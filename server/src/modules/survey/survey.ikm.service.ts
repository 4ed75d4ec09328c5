import {
  addCalendarDays,
  computeIkm,
  IKM_ELEMENT_CODES,
  krejcieMorganSampleSize,
  localDateOf,
  skmExportCsv,
  startOfLocalDay,
  timeZoneOfRegion,
  type IkmResponse,
  type IkmResult,
  type IkmScore,
} from '@layan/domain';
import { withScope, type Scope } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import { isAllowed, requireStaff, scopeOfGrants, type Principal } from '../identity/identity.authorize.ts';
import * as repo from './survey.repo.ts';
import type { IkmQuery } from './survey.schemas.ts';
import { surveyView, type SurveyDeps } from './survey.service.ts';

type ResponseRow = Awaited<ReturnType<typeof repo.listResponsesInTx>>[number];

function toResponse(row: ResponseRow): IkmResponse {
  const response: IkmResponse = {};
  for (const code of IKM_ELEMENT_CODES) {
    const value = row[code.toLowerCase() as 'u1'];
    if (value !== null) response[code] = value as IkmScore;
  }
  return response;
}

/**
 * Staff who may manage the tenant's rounds see every response; everyone else only those of
 * published rounds (RLS says the same: survey_response_read).
 */
function readerScope(principal: Principal, tenant: string): { scope: Scope; publishedOnly: boolean } {
  if (principal && isAllowed(principal, 'survey.manage', { regionCode: tenant })) {
    const grants = principal.grants.filter((g) =>
      isAllowed({ ...principal, grants: [g] }, 'survey.manage', { regionCode: tenant }),
    );
    return { scope: scopeOfGrants(grants, requireStaff(principal).staffId), publishedOnly: false };
  }
  return { scope: { regions: [] }, publishedOnly: true };
}

function window(tenant: string, from?: string, to?: string) {
  const zone = timeZoneOfRegion(tenant) ?? 'Asia/Jakarta';
  if (from && to && from > to) throw new AppError('SURVEY_PERIOD_INVALID', { detail: 'from is after to' });
  return {
    from: from ? startOfLocalDay(from, zone) : undefined,
    to: to ? startOfLocalDay(addCalendarDays(to, 1), zone) : undefined,
    zone,
  };
}

function resultView(result: IkmResult) {
  return {
    respondents: result.respondents,
    ikm: result.ikm,
    ikmExact: result.ikmExact,
    mutu: result.mutu,
    kinerja: result.kinerja,
    kinerjaEn: result.kinerjaEn,
    elements: result.elements.map((e) => ({
      code: e.code,
      name: e.name,
      nameEn: e.nameEn,
      answered: e.answered,
      nrr: e.nrr,
      nrrExact: e.nrrExact,
      mutu: e.mutu,
    })),
    weakElements: result.weakElements,
    sample: result.sample,
    issues: result.issues.map((i) => ({ code: i.code, message: i.message, messageEn: i.messageEn })),
  };
}

const GROUP_KEYS = {
  survey: (r: ResponseRow) => ({ key: r.survey_id, label: r.survey_title }),
  agency: (r: ResponseRow) => ({ key: r.agency_id, label: r.agency_name }),
  location: (r: ResponseRow) => ({ key: r.location_id ?? '', label: r.location_name ?? '' }),
  service: (r: ResponseRow) => ({ key: r.service_id ?? '', label: r.service_name ?? '' }),
} as const;

async function loadResponses(deps: SurveyDeps, principal: Principal, query: IkmQuery) {
  const { scope, publishedOnly } = readerScope(principal, query.tenant);
  const { from, to, zone } = window(query.tenant, query.from, query.to);
  return withScope(deps.db, scope, async (trx) => {
    if (!(await repo.findTenantInTx(trx, query.tenant))) throw new AppError('TENANT_NOT_FOUND', { code: query.tenant });
    let surveys: repo.SurveyRow[] = [];
    if (query.survey) {
      const survey = await repo.findSurveyInTx(trx, query.tenant, query.survey);
      if (!survey || (publishedOnly && survey.status !== 'published')) throw new AppError('SURVEY_NOT_FOUND');
      surveys = [survey];
    } else {
      surveys = (await repo.listSurveysInTx(trx, { tenantCode: query.tenant, publishedOnly })).filter(
        (s) => !query.agency || s.agency_id === query.agency,
      );
    }
    const rows = await repo.listResponsesInTx(trx, {
      tenantCode: query.tenant,
      surveyId: query.survey,
      agencyId: query.agency,
      locationId: query.location,
      serviceId: query.service,
      from,
      to,
      publishedOnly,
    });
    return { rows, surveys, zone };
  });
}

/**
 * The IKM of a tenant's responses filtered by survey, agency, location, service and period, with
 * groups and the Krejcie–Morgan sample target (N = `population`, else the rounds' own N). Public
 * callers see published rounds only. Throws TENANT_NOT_FOUND, SURVEY_NOT_FOUND, SURVEY_PERIOD_INVALID.
 */
export async function computeTenantIkm(deps: SurveyDeps, options: { principal: Principal; query: IkmQuery }) {
  const { query } = options;
  const { rows, surveys } = await loadResponses(deps, options.principal, query);
  const knownPopulations = surveys.map((s) => s.population);
  const population =
    query.population ??
    (surveys.length > 0 && knownPopulations.every((p) => p !== null)
      ? knownPopulations.reduce((a, p) => a! + p!, 0)!
      : undefined);
  const overall = computeIkm(rows.map(toResponse), { weight: query.weight, population });
  const groups = query.groupBy
    ? (() => {
        const pick = GROUP_KEYS[query.groupBy];
        const map = new Map<string, { label: string; responses: IkmResponse[] }>();
        for (const row of rows) {
          const { key, label } = pick(row);
          const entry = map.get(key) ?? { label, responses: [] };
          entry.responses.push(toResponse(row));
          map.set(key, entry);
        }
        return [...map].map(([key, g]) => ({
          key,
          label: g.label,
          ...resultView(computeIkm(g.responses, { weight: query.weight })),
        }));
      })()
    : [];
  return {
    tenantCode: query.tenant,
    filter: {
      survey: query.survey ?? null,
      agency: query.agency ?? null,
      location: query.location ?? null,
      service: query.service ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
    },
    weight: overall.weight,
    ...resultView(overall),
    sampleTarget: population === undefined ? null : krejcieMorganSampleSize(population),
    groups,
    surveys: surveys.map(surveyView),
  };
}

/** The same responses as CSV in the format `layan ikm` reads (domain/src/survey/export.ts). Throws like computeTenantIkm. */
export async function exportIkmCsv(deps: SurveyDeps, options: { principal: Principal; query: IkmQuery }) {
  const { rows, zone } = await loadResponses(deps, options.principal, options.query);
  return skmExportCsv(
    rows.map((r) => ({
      id: r.id,
      date: localDateOf(r.submitted_at, zone),
      survey: r.survey_title,
      agency: r.agency_name,
      location: r.location_name ?? '',
      service: r.service_name ?? '',
      channel: r.channel,
      ageBand: r.age_band ?? '',
      sex: r.sex ?? '',
      education: r.education ?? '',
      occupation: r.occupation ?? '',
      answers: toResponse(r),
    })),
  );
}
