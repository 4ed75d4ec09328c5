import {
  expandQuery,
  formatRupiah,
  formatSlaDuration,
  localDateOf,
  rankServices,
  STANDARD_COMPONENTS,
  timeZoneOfRegion,
  validateFormDefinition,
  validateServiceStandard,
  changedComponents,
  type Bilingual,
  type CatalogIssue,
  type SearchableService,
  type ServiceFee,
  type ServiceStandard,
  type ServiceTime,
} from '@layan/domain';
import type { Kysely, Transaction } from 'kysely';
import { withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { actingRole, authorize, isAllowed, requireStaff, scopeOfGrants, type Grant } from '../identity/identity.authorize.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import * as repo from './catalog.repo.ts';
import type { CreateDraftBody, ServiceQuery } from './catalog.schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Public reads run with an empty scope: RLS lets them read catalog and structure, nothing else.
const PUBLIC = { regions: [] as string[] };

/** "Gratis", "Rp350.000" or "Variabel", with the fee as stored. */
export function feeView(fee: ServiceFee) {
  const text = fee.kind === 'gratis' ? 'Gratis' : fee.kind === 'tarif' ? formatRupiah(fee.amount) : 'Variabel';
  return { ...fee, text };
}

/** The service time as stored, plus "14 hari kerja". */
export function serviceTimeView(time: ServiceTime) {
  return { ...time, text: formatSlaDuration(time.amount, time.unit) };
}

function summaryOf(row: repo.ServiceRow, standard: ServiceStandard) {
  return {
    id: row.id,
    slug: row.slug,
    tenantCode: row.tenant_code,
    name: standard.name,
    ...(standard.description ? { description: standard.description } : {}),
    agency: { id: row.agency_id, slug: row.agency_slug, name: row.agency_name, shortName: row.agency_short_name },
    sector: row.sector,
    channels: standard.channels,
    fee: feeView(standard.fee),
    serviceTime: serviceTimeView(standard.serviceTime),
    version: row.current_version ?? standard.version,
  };
}
type Summary = ReturnType<typeof summaryOf>;

interface SearchDoc extends SearchableService {
  summary: Summary;
}

// Search documents per database and tenant, kept while the tenant's catalog_revision is unchanged:
// a cache of database data, not state of its own (see docsForRegion for how often it is checked).
const CACHE = new WeakMap<Kysely<DB>, Map<string, { revision: string; docs: SearchDoc[] }>>();

async function tenantDocsInTx(db: Kysely<DB>, trx: Transaction<DB>, tenants: string[]): Promise<SearchDoc[]> {
  let perDb = CACHE.get(db);
  if (!perDb) CACHE.set(db, (perDb = new Map()));
  const revisions = await repo.listRevisionsInTx(trx, tenants);
  const docs: SearchDoc[] = [];
  for (const tenant of tenants) {
    const revision = revisions.get(tenant) ?? '0';
    let cached = perDb.get(tenant);
    if (!cached || cached.revision !== revision) {
      const rows = await repo.listPublishedServicesInTx(trx, tenant);
      cached = {
        revision,
        docs: rows.map((row) => {
          const standard = row.standard as ServiceStandard;
          return { names: [standard.name], synonyms: row.synonyms, keywords: row.keywords, summary: summaryOf(row, standard) };
        }),
      };
      perDb.set(tenant, cached);
    }
    docs.push(...cached.docs);
  }
  return docs;
}

// Search is the catalog's hottest read, and asking the database whether anything changed costs a
// transaction of five round trips per request (about 800 req/s on two cores, bench/RESULTS.md).
// So a region's documents are reused for up to a second before that check runs again: a publish
// shows at once in the process that made it (which empties this map) and within a second in the
// others. At most REGION_CACHE_SIZE regions are kept, oldest out first.
const RECHECK_MS = 1000;
const REGION_CACHE_SIZE = 10_000;
const REGION_DOCS = new WeakMap<Kysely<DB>, Map<string, { checkedAt: number; docs: SearchDoc[] }>>();

export async function docsForRegion(db: Kysely<DB>, region: string): Promise<SearchDoc[]> {
  let perDb = REGION_DOCS.get(db);
  if (!perDb) REGION_DOCS.set(db, (perDb = new Map()));
  const hit = perDb.get(region);
  if (hit && Date.now() - hit.checkedAt < RECHECK_MS) return hit.docs;
  const docs = await withScope(db, PUBLIC, async (trx) =>
    tenantDocsInTx(db, trx, await repo.listTenantsForRegionInTx(trx, region)),
  );
  perDb.delete(region);
  perDb.set(region, { checkedAt: Date.now(), docs });
  if (perDb.size > REGION_CACHE_SIZE) perDb.delete(perDb.keys().next().value!);
  return docs;
}

/** Published services serving `region`, ranked by `q` when given, else by agency and name. Never throws for no match. */
export async function searchServices(db: Kysely<DB>, query: ServiceQuery) {
  const docs = (await docsForRegion(db, query.region)).filter(
    (d) =>
      (!query.channel || d.summary.channels.includes(query.channel)) && (!query.agency || d.summary.agency.slug === query.agency),
  );
  const q = query.q?.trim() ?? '';
  if (q === '') return { items: docs.slice(0, query.limit).map((d) => d.summary), terms: [] };
  const ranked = rankServices({ query: q, services: docs, limit: query.limit });
  return { items: ranked.map((r) => ({ ...r.service.summary, score: r.score })), terms: expandQuery(q).terms };
}

export async function findPublicServiceInTx(trx: Transaction<DB>, options: { idOrSlug: string; region: string }) {
  const tenants = await repo.listTenantsForRegionInTx(trx, options.region);
  const key = UUID.test(options.idOrSlug) ? { id: options.idOrSlug.toLowerCase() } : { slug: options.idOrSlug };
  // The closest tenant first: a kab/kota's own service before its province's of the same slug.
  const service = await repo.findServiceInTx(trx, { tenants: [...tenants].reverse(), ...key });
  if (!service || !service.active || service.current_version === null) throw new AppError('SERVICE_NOT_FOUND');
  return service;
}

function approvalOf(version: repo.VersionRow) {
  return version.approved_at && version.approved_by_name
    ? { approvedByName: version.approved_by_name, approvedAt: version.approved_at.toISOString() }
    : null;
}

/** The published standard of a service, all 14 components, the six public ones marked. Throws SERVICE_NOT_FOUND. */
export async function getPublicService(db: Kysely<DB>, options: { idOrSlug: string; region: string }) {
  return withScope(db, PUBLIC, async (trx) => {
    const service = await findPublicServiceInTx(trx, options);
    const version = await repo.findVersionInTx(trx, {
      tenantCode: service.tenant_code,
      serviceId: service.id,
      version: service.current_version!,
    });
    if (!version) throw new AppError('SERVICE_NOT_FOUND');
    const standard = version.standard as ServiceStandard;
    return {
      ...summaryOf(service, standard),
      templateCode: service.template_code,
      locations: service.locations,
      approval: approvalOf(version),
      components: STANDARD_COMPONENTS.map((c) => ({ key: c.key, name: c.name, published: c.published })),
      standard: { ...standard, fee: feeView(standard.fee), serviceTime: serviceTimeView(standard.serviceTime) },
      hasForm: version.form_definition !== null,
    };
  });
}

export function versionView(row: repo.VersionRow) {
  const standard = row.standard as ServiceStandard;
  return {
    version: row.version,
    status: row.status,
    changeNote: row.change_note,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    serviceTime: serviceTimeView(standard.serviceTime),
    fee: feeView(standard.fee),
  };
}

/** The approved versions of a service, newest first (drafts are not public). Throws SERVICE_NOT_FOUND. */
export async function listServiceVersions(db: Kysely<DB>, options: { idOrSlug: string; region: string }) {
  return withScope(db, PUBLIC, async (trx) => {
    const service = await findPublicServiceInTx(trx, options);
    const rows = await repo.listVersionsInTx(trx, {
      tenantCode: service.tenant_code,
      serviceId: service.id,
      includeDrafts: false,
    });
    return {
      serviceId: service.id,
      slug: service.slug,
      items: rows.map((row, i) => ({
        ...versionView(row),
        changed: rows[i + 1] ? changedComponents(rows[i + 1]!.standard, row.standard) : [],
      })),
    };
  });
}

export interface ServiceWork<T> {
  db: Kysely<DB>;
  caller: Caller;
  tenant: string;
  serviceId: string;
  work: (trx: Transaction<DB>, service: repo.ServiceRow, grants: Grant[]) => Promise<T>;
}

/** Authorizes catalog.write on the service (an admin instansi only for its own agency's), then runs `work` scoped. */
export async function onService<T>(options: ServiceWork<T>): Promise<T> {
  const { caller, tenant } = options;
  const grants = authorize(caller.principal, 'catalog.write', { regionCode: tenant });
  return withScope(options.db, scopeOfGrants(grants, requireStaff(caller.principal).staffId), async (trx) => {
    if (!(await repo.findTenantInTx(trx, tenant))) throw new AppError('TENANT_NOT_FOUND', { code: tenant });
    const service = await repo.findServiceInTx(trx, { tenants: [tenant], id: options.serviceId });
    if (!service) throw new AppError('SERVICE_NOT_FOUND');
    if (!isAllowed(caller.principal, 'catalog.write', { regionCode: tenant, agencyId: service.agency_id }))
      throw new AppError('FORBIDDEN');
    return options.work(trx, service, grants);
  });
}

function issueDetails(issues: CatalogIssue[]) {
  return issues.map((i) => ({ code: i.code, path: i.path, message: i.message, messageEn: i.messageEn }));
}

export function invalid(code: 'CATALOG_STANDARD_INVALID' | 'CATALOG_FORM_INVALID', issues: CatalogIssue[]): AppError {
  const paths = [...new Set(issues.map((i) => i.path || '(root)'))].join(', ');
  return new AppError(code, { paths }, issueDetails(issues));
}

export async function audit(
  trx: Transaction<DB>,
  options: { caller: Caller; grants: Grant[]; action: string; service: repo.ServiceRow; detail: Record<string, unknown> },
) {
  await appendAuditInTx(trx, {
    action: options.action,
    actor: { type: 'staff', id: requireStaff(options.caller.principal).staffId, role: actingRole(options.grants) },
    tenantCode: options.service.tenant_code,
    target: { type: 'service', id: options.service.id },
    ip: options.caller.context.ip,
    requestId: options.caller.context.requestId,
    detail: options.detail,
  });
}

export interface CreateDraftOptions {
  caller: Caller;
  tenant: string;
  serviceId: string;
  input: CreateDraftBody;
}

/**
 * A new draft version: the current standard with the given components replaced, checked whole.
 * Throws AUTH_REQUIRED, FORBIDDEN, TENANT_NOT_FOUND, SERVICE_NOT_FOUND, CATALOG_STANDARD_INVALID,
 * CATALOG_FORM_INVALID.
 */
export async function createDraft(db: Kysely<DB>, options: CreateDraftOptions) {
  return onService({
    db,
    caller: options.caller,
    tenant: options.tenant,
    serviceId: options.serviceId,
    work: async (trx, service, grants) => {
      const latest = await repo.lockServiceForNewVersionInTx(trx, service.tenant_code, service.id);
      const baseNumber = service.current_version ?? latest;
      const base =
        baseNumber > 0
          ? await repo.findVersionInTx(trx, { tenantCode: service.tenant_code, serviceId: service.id, version: baseNumber })
          : undefined;
      if (!base) throw new AppError('SERVICE_NOT_FOUND');
      const next = latest + 1;
      const { approval: _approval, ...previous } = base.standard as ServiceStandard;
      const candidate: Record<string, unknown> = { ...previous, ...options.input.changes, version: next };
      const checked = validateServiceStandard(candidate);
      if (!checked.ok) throw invalid('CATALOG_STANDARD_INVALID', checked.issues);

      let form: unknown = base.form_definition;
      if (options.input.formDefinition !== undefined) {
        const formChecked = validateFormDefinition(options.input.formDefinition);
        if (!formChecked.ok) throw invalid('CATALOG_FORM_INVALID', formChecked.issues);
        form = formChecked.value;
      }
      if (form && typeof form === 'object') form = { ...form, serviceVersion: next };

      const row = await repo.insertVersionInTx(trx, {
        tenant_code: service.tenant_code,
        service_id: service.id,
        version: next,
        status: 'draft',
        standard: candidate,
        form_definition: form ?? null,
        change_note: options.input.changeNote,
        created_by: requireStaff(options.caller.principal).staffId,
      });
      await audit(trx, {
        caller: options.caller,
        grants,
        action: 'service_version.create',
        service,
        detail: { version: next, from: base.version, components: Object.keys(options.input.changes) },
      });
      return versionView(row);
    },
  });
}

export interface PublishVersionOptions {
  caller: Caller;
  tenant: string;
  serviceId: string;
  version: number;
  /** Defaults to now. */
  now?: Date;
}

/**
 * Publishes a draft: the signed-in staff member is the approver, the previous published version
 * becomes superseded, and every process serves the new one at its next request.
 * Throws AUTH_REQUIRED, FORBIDDEN, TENANT_NOT_FOUND, SERVICE_NOT_FOUND, SERVICE_VERSION_NOT_FOUND,
 * SERVICE_VERSION_NOT_DRAFT, CATALOG_STANDARD_INVALID.
 */
export async function publishVersion(db: Kysely<DB>, options: PublishVersionOptions) {
  const published = await onService({
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
      const staff = requireStaff(options.caller.principal);
      const staffId = staff.staffId;
      const approverName = (await repo.findStaffNameInTx(trx, staffId)) ?? staff.name;
      const now = options.now ?? new Date();
      const zone = timeZoneOfRegion(service.tenant_code) ?? 'Asia/Jakarta';
      const standard = {
        ...(draft.standard as ServiceStandard),
        approval: { approvedBy: approverName, role: actingRole(grants), approvedOn: localDateOf(now, zone) },
      };
      const checked = validateServiceStandard(standard, { requireApproval: true });
      if (!checked.ok) throw invalid('CATALOG_STANDARD_INVALID', checked.issues);

      const previous = await repo.supersedePublishedInTx(trx, service.tenant_code, service.id);
      const row = await repo.publishVersionInTx(trx, {
        ...key,
        approvedBy: staffId,
        approvedByName: approverName,
        approvedAt: now,
        standard,
      });
      if (!row) throw new AppError('SERVICE_VERSION_NOT_DRAFT', { version: options.version });
      await repo.setCurrentVersionInTx(trx, {
        ...key,
        name: (standard.name as Bilingual).id,
        channels: standard.channels,
      });
      await repo.bumpRevisionInTx(trx, service.tenant_code);
      await audit(trx, {
        caller: options.caller,
        grants,
        action: 'service_version.publish',
        service,
        detail: { version: options.version, superseded: previous ?? null },
      });
      return versionView(row);
    },
  });
  // After the commit: this process's next search sees the new version at once.
  REGION_DOCS.get(db)?.clear();
  return published;
}
