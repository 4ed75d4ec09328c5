import type { ExpressionBuilder, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CitizenRow } from './citizen.repo.ts';

// Staff reads of a citizen. Layer one of the isolation (docs/ACCESS.md): the query itself asks for
// a link in one of the caller's nodes; layer two: the `citizen_read` row-level policy, which
// holds the same condition, applies inside withScope whatever this query says.

type Trx = Transaction<DB>;

const COLUMNS = ['id', 'nik_hmac', 'nik_ciphertext', 'name', 'email', 'phone', 'created_at'] as const;

export type StaffCitizenRow = Pick<CitizenRow, (typeof COLUMNS)[number]>;

/** `region_code` lies at or below one of `nodes` ('*': anywhere). */
function linkedWithin(nodes: readonly string[] | '*') {
  return (eb: ExpressionBuilder<DB, 'citizen'>) => {
    if (nodes === '*') return eb.val(true);
    const linked = eb
      .selectFrom('citizen_link as l')
      .select('l.citizen_id')
      .whereRef('l.citizen_id', '=', 'citizen.id')
      .where((inner) =>
        inner.or(nodes.flatMap((node) => [inner('l.region_code', '=', node), inner('l.region_code', 'like', `${node}.%`)])),
      );
    return nodes.length === 0 ? eb.val(false) : eb.exists(linked);
  };
}

/** The citizen with this id when linked to a region within `nodes`, or undefined. */
export function findLinkedCitizenInTx(trx: Trx, options: { id: string; nodes: readonly string[] | '*' }) {
  return trx
    .selectFrom('citizen')
    .select(COLUMNS)
    .where('id', '=', options.id)
    .where(linkedWithin(options.nodes))
    .executeTakeFirst();
}

/** The citizen whose NIK has this keyed hash when linked to a region within `nodes`, or undefined. */
export function findLinkedCitizenByNikHashInTx(trx: Trx, options: { nikHmac: string; nodes: readonly string[] | '*' }) {
  return trx
    .selectFrom('citizen')
    .select(COLUMNS)
    .where('nik_hmac', '=', options.nikHmac)
    .where(linkedWithin(options.nodes))
    .executeTakeFirst();
}
