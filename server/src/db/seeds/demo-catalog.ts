import {
  BANYUWANGI_CODE,
  BANYUWANGI_SERVICES,
  FORM_DEFINITIONS,
  NATIONAL_TEMPLATES,
  localDateOf,
  validateFormDefinition,
  validateServiceStandard,
} from '@layan/domain';
import type { Kysely, Transaction } from 'kysely';
import * as repo from '../../modules/catalog/catalog.repo.ts';
import { insertDemoUsageInTx, listUsageTotalsInTx, type ServiceUseKind } from '../../modules/catalog/catalog.usage.repo.ts';
import type { DB } from '../schema.ts';
import { withScope } from '../scope.ts';

/** Shown as the approver of seeded versions: they were not approved by anyone in Layan. */
export const SEED_APPROVER = 'Data awal demo (seed)';

/**
 * The Banyuwangi demo catalog (domain/src/catalog/data): each of BANYUWANGI_SERVICES as a service
 * with version 1 published, linked to the demo agencies by slug (seedDemoStructure creates them).
 * Idempotent: a service whose slug exists is left alone. Throws when the data breaks a catalog rule
 * or names an agency that is missing — a bug in the demo data, not in the input.
 */
export async function seedDemoCatalog(db: Kysely<DB>, now = new Date()): Promise<string[]> {
  const tenant = BANYUWANGI_CODE;
  const sectors = new Map(NATIONAL_TEMPLATES.map((t) => [t.code, t.sector]));
  const forms = new Map(FORM_DEFINITIONS.map((f) => [f.id, f]));
  return withScope(db, { regions: [tenant] }, async (trx) => {
    const created: string[] = [];
    const agencies = await repo.listAgencyIdsInTx(trx, tenant);
    const existing = await repo.listServiceSlugsInTx(trx, tenant);
    for (const item of BANYUWANGI_SERVICES) {
      const slug = item.standard.code;
      if (existing.has(slug)) continue;
      const agencyId = agencies.get(item.agency);
      if (!agencyId) throw new Error(`demo catalog: agency "${item.agency}" of ${slug} is not seeded`);
      const standard = {
        ...item.standard,
        version: 1,
        approval: { approvedBy: SEED_APPROVER, approvedOn: localDateOf(now, 'Asia/Jakarta') },
      };
      const checked = validateServiceStandard(standard, { requireApproval: true });
      if (!checked.ok) throw new Error(`demo catalog: ${slug}: ${checked.issues.map((i) => i.messageEn).join('; ')}`);
      const form = item.formId ? forms.get(item.formId) : undefined;
      if (form) {
        const formChecked = validateFormDefinition(form);
        if (!formChecked.ok) throw new Error(`demo form ${form.id}: ${formChecked.issues.map((i) => i.messageEn).join('; ')}`);
      }
      const { id } = await repo.insertServiceInTx(trx, {
        tenant_code: tenant,
        slug,
        agency_id: agencyId,
        template_code: item.template,
        sector: sectors.get(item.template) ?? null,
        name: standard.name.id,
        channels: standard.channels,
        synonyms: item.search.synonyms,
        keywords: item.search.keywords,
        locations: item.locations,
        current_version: 1,
      });
      await repo.insertVersionInTx(trx, {
        tenant_code: tenant,
        service_id: id,
        version: 1,
        status: 'published',
        standard,
        form_definition: form ? { ...form, serviceVersion: 1 } : null,
        change_note: `Versi awal dari templat nasional ${item.template} (data demo, belum disahkan Pemda)`,
        created_by: null,
        approved_by: null,
        approved_by_name: SEED_APPROVER,
        approved_at: now,
      });
      created.push(`service ${slug}`);
    }
    if (created.length > 0) await repo.bumpRevisionInTx(trx, tenant);
    created.push(...(await seedDemoUsageInTx(trx, now)));
    return created;
  });
}

// Average uses a day of the demo's most-used services (made up for the demo, not Banyuwangi's
// figures): roughly what an MPP sees — KTP, KK and birth certificates lead, then SKCK and SIM.
const DEMO_DAILY_USES: ReadonlyArray<readonly [slug: string, kind: ServiceUseKind, perDay: number]> = [
  ['ktp-el-baru', 'ticket', 38],
  ['kk-perubahan', 'application', 31],
  ['akta-kelahiran', 'application', 27],
  ['skck-baru', 'ticket', 24],
  ['sim-c-perpanjangan', 'ticket', 19],
  ['pindah-datang', 'application', 14],
  ['paspor-baru', 'ticket', 12],
  ['nib-oss', 'application', 9],
  ['bpjs-kesehatan-daftar', 'ticket', 7],
  ['pkb-tahunan', 'ticket', 6],
  ['akta-kematian', 'application', 4],
  ['legalisir-adminduk', 'ticket', 3],
];
const DEMO_USAGE_DAYS = 60;

/**
 * Sixty days of made-up use counts before `now` (marked demo in the table, so pages say so), for
 * the demo's most-used ranking. Skipped while any counts of the last 30 days exist, so a second
 * run adds nothing and a demo started months later gets fresh history.
 */
async function seedDemoUsageInTx(trx: Transaction<DB>, now: Date): Promise<string[]> {
  const tenant = BANYUWANGI_CODE;
  const dayOf = (back: number) => localDateOf(new Date(now.getTime() - back * 86_400_000), 'Asia/Jakarta');
  const recent = await listUsageTotalsInTx(trx, { tenants: [tenant], since: dayOf(29), limit: 1 });
  if (recent.length > 0) return [];
  const slugs = await repo.listServiceSlugsInTx(trx, tenant);
  const rows = [];
  for (const [slug, kind, perDay] of DEMO_DAILY_USES) {
    if (!slugs.has(slug)) continue;
    const service = await repo.findServiceInTx(trx, { tenants: [tenant], slug });
    if (!service) continue;
    for (let back = 1; back <= DEMO_USAGE_DAYS; back++) {
      const day = dayOf(back);
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      // A steady wobble of ±30% so the chart is not flat; deterministic for tests.
      const count = Math.max(1, Math.round(perDay * (1 + 0.3 * Math.sin(back * 1.7 + slug.length))));
      rows.push({ tenant_code: tenant, service_id: service.id, day, kind, count });
    }
  }
  const inserted = await insertDemoUsageInTx(trx, rows);
  return inserted > 0 ? [`service usage ${inserted} demo days`] : [];
}
