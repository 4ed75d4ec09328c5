import type { Kysely } from 'kysely';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { closeDeps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import { appendAuditInTx } from '../../modules/audit/audit.service.ts';
import { countByStatusInTx, requeueAllDeadInTx } from '../../modules/outbox/outbox.repo.ts';
import { parseCommandArgs, printJson, usageError, type Command } from '../command.ts';
import { openForCommand } from '../open.ts';

const TENANT = /^\d{2}(\.\d{2})?$/;

/** Counts per status, after sending the dead letters again when asked (one audit entry). */
export async function outboxStatus(db: Kysely<DB>, options: { retryDead: boolean; tenant?: string }) {
  return withScope(db, NATIONAL, async (trx) => {
    const retried = options.retryDead ? await requeueAllDeadInTx(trx, options.tenant) : undefined;
    const counts = await countByStatusInTx(trx, null);
    if (retried && retried.length > 0) {
      await appendAuditInTx(trx, {
        action: 'outbox.retry_all',
        actor: { type: 'system' },
        tenantCode: options.tenant ?? null,
        detail: { count: retried.length, via: 'cli' },
      });
    }
    return { counts, ...(retried ? { retried: retried.length } : {}) };
  });
}

export const command: Command = {
  name: 'outbox',
  summary: 'Outgoing messages per status; send dead letters again / status pesan keluar',
  usage: `Usage: layan outbox [--retry-dead [--tenant <code>]]

Prints how many outgoing messages (e-mail, SMS, WhatsApp) are pending, being sent, sent and
dead, as JSON. With --retry-dead, every dead message (of one tenant with --tenant 35.10) becomes
pending again with a fresh count of attempts, recorded in the audit log as a system action; a
running \`layan start\` then sends them. Details: docs/NOTIFICATIONS.md.

Uses DATABASE_URL when set, else the embedded PGlite in DATA_DIR (stop the server first).`,
  async run(args, io) {
    const parsed = parseCommandArgs(io, 'outbox', {
      args,
      options: { 'retry-dead': { type: 'boolean' }, tenant: { type: 'string' } },
    });
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    if (values.tenant !== undefined && !values['retry-dead']) return usageError(io, 'outbox', '--tenant goes with --retry-dead');
    if (values.tenant !== undefined && !TENANT.test(values.tenant)) {
      return usageError(io, 'outbox', `--tenant must be a province or kab/kota code such as 35.10, got "${values.tenant}"`);
    }
    const deps = await openForCommand(readEnv(), io);
    if (typeof deps === 'number') return deps;
    try {
      const result = await outboxStatus(deps.database.db, { retryDead: values['retry-dead'] ?? false, tenant: values.tenant });
      printJson(io, result);
      return 0;
    } finally {
      await closeDeps(deps);
    }
  },
};
