import type { Kysely } from 'kysely';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { actingRole, authorize, nodeCovers, scopeOfGrants, type Principal } from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import { listCitizenLinksInTx } from './citizen.link.repo.ts';
import { checkNik, decryptNik, hashNik, maskNik, type CitizenKeys } from './citizen.nik.ts';
import * as repo from './citizen.staff.repo.ts';

// A staff member reads a citizen's record (docs/CITIZENS.md, "Staff reads"): only a citizen
// linked to a region the caller's grants reach, and every read is audited as `citizen.read`.
// A citizen outside the caller's regions answers exactly like one that does not exist (404), so
// the answer never tells a kabupaten's staff that someone is known elsewhere.

export interface StaffCitizenServices {
  db: Kysely<DB>;
  keys: CitizenKeys;
}

type Lookup = { by: 'id'; id: string } | { by: 'nik'; nik: string };

/**
 * The citizen's name, masked NIK, contacts and the links the caller may see. Throws
 * AUTH_REQUIRED, FORBIDDEN (a role without `citizen.read`), NIK_INVALID, CITIZEN_NOT_FOUND.
 */
export async function readCitizenAsStaff(
  services: StaffCitizenServices,
  options: { principal: Principal; lookup: Lookup; context: RequestContext },
) {
  const grants = authorize(options.principal, 'citizen.read');
  const staffId = options.principal!.staffId;
  const scope = scopeOfGrants(grants, staffId);
  const nodes = scope.regions === NATIONAL ? NATIONAL : scope.regions;
  // Checked before any query, so a malformed NIK is a 400 and never a lookup.
  const nikHmac = options.lookup.by === 'nik' ? hashNik(services.keys, checkNik(options.lookup.nik)) : undefined;
  return withScope(services.db, scope, async (trx) => {
    const row =
      options.lookup.by === 'id'
        ? await repo.findLinkedCitizenInTx(trx, { id: options.lookup.id, nodes })
        : await repo.findLinkedCitizenByNikHashInTx(trx, { nikHmac: nikHmac!, nodes });
    if (!row) throw new AppError('CITIZEN_NOT_FOUND');
    const links = (await listCitizenLinksInTx(trx, row.id)).filter(
      (l) => nodes === NATIONAL || nodes.some((node) => nodeCovers(node, l.region_code)),
    );
    await appendAuditInTx(trx, {
      action: 'citizen.read',
      actor: { type: 'staff', id: staffId, role: actingRole(grants) },
      tenantCode: links[0]?.tenant_code,
      target: { type: 'citizen', id: row.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { via: options.lookup.by === 'nik' ? 'staff.citizen_by_nik' : 'staff.citizen' },
    });
    return {
      id: row.id,
      name: row.name,
      nik: maskNik(decryptNik(services.keys, row.nik_ciphertext, row.id)),
      email: row.email,
      phone: row.phone,
      createdAt: row.created_at.toISOString(),
      links: links.map((l) => ({
        tenantCode: l.tenant_code,
        regionCode: l.region_code,
        via: l.via,
        firstAt: l.first_at.toISOString(),
      })),
    };
  });
}
