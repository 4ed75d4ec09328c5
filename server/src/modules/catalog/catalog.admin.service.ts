import {
  canonicalJson,
  changedComponents,
  localDateOf,
  timeZoneOfRegion,
  validateFormDefinition,
  validateServiceStandard,
  type ServiceStandard,
} from '@layan/domain';
import type { Kysely } from 'kysely';
import { withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { authorize, isAllowed, requireStaff, scopeOfGrants } from '../identity/identity.authorize.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import * as repo from './catalog.repo.ts';
import type { UpdateDraftBody } from './catalog.schemas.ts';
import { audit, docsForRegion, findPublicServiceInTx, invalid, onService, versionView } from './catalog.service.ts';
import { listUsageTotalsInTx } from './catalog.usage.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUBLIC = { regions: [] as string[] };

function adminItem(row: repo.AdminServiceRow) {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    slug: row.slug,
    name: row.name,
    agency: { id: row.agency_id, slug: row.agency_slug, name: row.agency_name, shortName: row.agency_short_name },
    active: row.active,
    currentVersion: row.current_version,
    latestVersion: row.latest_version,
    latestStatus: row.latest_status,
  };
}

/**
 * Services the caller may edit (catalog.write): every service of the tenants their grants reach
 * whole, an admin instansi's only for its agency. Throws AUTH_REQUIRED, FORBIDDEN.
 */
export async function listAdminServices(db: Kysely<DB>, options: { caller: Caller; tenant?: string }) {
  const principal = options.caller.principal;
  const grants = authorize(principal, 'catalog.write', options.tenant ? { regionCode: options.tenant } : undefined);
  const rows = await withScope(db, scopeOfGrants(grants, requireStaff(principal).staffId), (trx) =>
    repo.listScopeServicesInTx(trx, { tenant: options.tenant }),
  );
  const items = rows
    .filter((row) => isAllowed(principal, 'catalog.write', { regionCode: row.tenant_code, agencyId: row.agency_id }))
    .map(adminItem);
  return { items };
}

function adminVersion(row: repo.VersionRow, previous: repo.VersionRow | undefined) {
  return {
    ...versionView(row),
    standard: row.standard as Record<string, unknown>,
    formDefinition: (row.form_definition ?? null) as Record<string, unknown> | null,
    changed: previous ? changedComponents(previous.standard, row.standard) : [],
    formChanged: previous
      ? canonicalJson(stripFormVersion(previous.form_definition)) !== canonicalJson(stripFormVersion(row.form_definition))
      : false,
  };
}

// serviceVersion follows the standard's version number, so it is not a change of the form.
function stripFormVersion(form: unknown): unknown {
  if (!form || typeof form !== 'object') return form ?? null;
  const { serviceVersion: _ignored, ...rest } = form as Record<string, unknown>;
  return rest;
}

/**
 * A service with every version, drafts included, each with its whole standard, form and what
 * changed from the version before. `idOrSlug` names the service in the tenant.
 * Throws AUTH_REQUIRED, FORBIDDEN, TENANT_NOT_FOUND, SERVICE_NOT_FOUND.
 */
export async function getAdminService(db: Kysely<DB>, options: { caller: Caller; tenant: string; idOrSlug: string }) {
  let serviceId = options.idOrSlug;
  if (!UUID.test(serviceId)) {
    const found = await withScope(db, PUBLIC, (trx) =>
      repo.findServiceInTx(trx, { tenants: [options.tenant], slug: options.idOrSlug }),
    );
    serviceId = found?.id ?? '00000000-0000-0000-0000-000000000000';
  }
  return onService({
    db,
    caller: options.caller,
    tenant: options.tenant,
    serviceId: serviceId.toLowerCase(),
    work: async (trx, service) => {
      const rows = await repo.listVersionsInTx(trx, {
        tenantCode: service.tenant_code,
        serviceId: service.id,
        includeDrafts: true,
      });
      const latest = rows[0];
      return {
        service: adminItem({
          ...service,
          latest_version: latest?.version ?? 0,
          latest_status: latest?.status ?? 'draft',
        }),
        versions: rows.map((row, i) => adminVersion(row, rows[i + 1])),
      };
    },
  });
}

export interface UpdateDraftOptions {
  caller: Caller;
  tenant: string;
  serviceId: string;
  version: number;
  input: UpdateDraftBody;
}

/**
 * Changes a draft in place: the given components replace the draft's, the form definition and
 * change note too when given; the whole standard is checked again.
 * Throws AUTH_REQUIRED, FORBIDDEN, TENANT_NOT_FOUND, SERVICE_NOT_FOUND, SERVICE_VERSION_NOT_FOUND,
 * SERVICE_VERSION_NOT_DRAFT, CATALOG_STANDARD_INVALID, CATALOG_FORM_INVALID.
 */
export async function updateDraft(db: Kysely<DB>, options: UpdateDraftOptions) {
  return onService({
    db,
    caller: options.caller,
    tenant: options.tenant,
    serviceId: options.serviceId,
    work: async (trx, service, grants) => {
      await repo.lockServiceForNewVersionInTx(trx, service.tenant_code, service.id);
      const key = { tenantCode: service.tenant_code, serviceId: service.id, version: options.version };
      const draft = await repo.findVersionInTx(trx, key);
      if (!draft) throw new AppError('SERVICE_VERSION_NOT_FOUND', { version: options.version });
      if (draft.status !== 'draft') throw new AppError('SERVICE_VERSION_NOT_DRAFT', { version: options.version });
      const changes = options.input.changes ?? {};
      const candidate: Record<string, unknown> = { ...(draft.standard as ServiceStandard), ...changes, version: draft.version };
      const checked = validateServiceStandard(candidate);
      if (!checked.ok) throw invalid('CATALOG_STANDARD_INVALID', checked.issues);
      let form: unknown = draft.form_definition;
      if (options.input.formDefinition !== undefined) {
        const formChecked = validateFormDefinition(options.input.formDefinition);
        if (!formChecked.ok) throw invalid('CATALOG_FORM_INVALID', formChecked.issues);
        form = { ...formChecked.value, serviceVersion: draft.version };
      }
      const row = await repo.updateDraftInTx(trx, {
        ...key,
        standard: candidate,
        formDefinition: form,
        changeNote: options.input.changeNote ?? draft.change_note,
      });
      if (!row) throw new AppError('SERVICE_VERSION_NOT_DRAFT', { version: options.version });
      await audit(trx, {
        caller: options.caller,
        grants,
        action: 'service_version.update',
        service,
        detail: {
          version: draft.version,
          components: Object.keys(changes),
          form: options.input.formDefinition !== undefined,
        },
      });
      return versionView(row);
    },
  });
}

/** The form definition of a service's published version (null when it has none). Throws SERVICE_NOT_FOUND. */
export async function getPublicServiceForm(db: Kysely<DB>, options: { idOrSlug: string; region: string }) {
  return withScope(db, PUBLIC, async (trx) => {
    const service = await findPublicServiceInTx(trx, options);
    const version = await repo.findVersionInTx(trx, {
      tenantCode: service.tenant_code,
      serviceId: service.id,
      version: service.current_version!,
    });
    if (!version) throw new AppError('SERVICE_NOT_FOUND');
    return {
      serviceId: service.id,
      slug: service.slug,
      version: version.version,
      form: (version.form_definition ?? null) as Record<string, unknown> | null,
    };
  });
}

const DAY_MS = 86_400_000;

/**
 * The most-used published services serving `region` over the last `days` local days of the
 * region's tenant(s) (applications submitted and queue tickets taken). Never throws for no use.
 */
export async function listPopularServices(db: Kysely<DB>, options: { region: string; days: number; limit: number; now?: Date }) {
  const zone = timeZoneOfRegion(options.region) ?? 'Asia/Jakarta';
  // Today counts as day 1.
  const since = localDateOf(new Date((options.now ?? new Date()).getTime() - (options.days - 1) * DAY_MS), zone);
  const docs = await docsForRegion(db, options.region);
  const byId = new Map(docs.map((d) => [d.summary.id, d.summary]));
  const tenants = [...new Set(docs.map((d) => d.summary.tenantCode))];
  // Over-fetch: a used service may since have been retired from the catalog.
  const totals = await withScope(db, PUBLIC, (trx) =>
    listUsageTotalsInTx(trx, { tenants, since, limit: options.limit * 2 + 10 }),
  );
  const items = totals
    .filter((t) => t.uses > 0 && byId.has(t.service_id))
    .slice(0, options.limit)
    .map((t) => ({ ...byId.get(t.service_id)!, uses: t.uses, demo: t.demo }));
  return {
    items: items.map(({ demo: _demo, ...item }) => item),
    since,
    demo: items.some((i) => i.demo),
  };
}
