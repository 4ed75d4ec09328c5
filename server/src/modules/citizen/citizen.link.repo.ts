import { param, prepared } from '../../db/prepared.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Trx = Transaction<DB>;

export type CitizenLinkVia = 'application' | 'assisted' | 'complaint' | 'queue';

/**
 * Records that the citizen dealt with `tenantCode` at `regionCode` (the tenant's own code for
 * online contact, the desa for assistance there), which lets the staff whose grants reach that
 * region read the citizen (docs/CITIZENS.md). The first contact per region is kept.
 */
export async function linkCitizenInTx(
  trx: Trx,
  link: { tenantCode: string; citizenId: string; regionCode: string; via: CitizenLinkVia },
): Promise<void> {
  await insertLink.execute(trx, link);
}

// On every submission and every staff action that serves a citizen: prepared (server/src/db/prepared.ts).
const insertLink = prepared<{ tenantCode: string; citizenId: string; regionCode: string; via: string }, never>((db) =>
  db
    .insertInto('citizen_link')
    .values({
      tenant_code: param('tenantCode'),
      citizen_id: param('citizenId'),
      region_code: param('regionCode'),
      via: param('via'),
    })
    .onConflict((oc) => oc.columns(['tenant_code', 'citizen_id', 'region_code']).doNothing()),
);

/** The citizen's links, for their data download. */
export function listCitizenLinksInTx(trx: Trx, citizenId: string) {
  return trx
    .selectFrom('citizen_link')
    .select(['tenant_code', 'region_code', 'via', 'first_at'])
    .where('citizen_id', '=', citizenId)
    .orderBy('first_at')
    .execute();
}
