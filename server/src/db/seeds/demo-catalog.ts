import {
  BANYUWANGI_CODE,
  BANYUWANGI_SERVICES,
  FORM_DEFINITIONS,
  NATIONAL_TEMPLATES,
  localDateOf,
  validateFormDefinition,
  validateServiceStandard,
} from '@layan/domain';
import type { Kysely } from 'kysely';
import * as repo from '../../modules/catalog/catalog.repo.ts';
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
    return created;
  });
}
