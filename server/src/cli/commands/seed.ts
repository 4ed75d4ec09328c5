import { migrate } from '../../db/migrate.ts';
import { prepareDatabase } from '../../db/prepare.ts';
import { closeDeps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import type { Command } from '../command.ts';
import { describeDatabase, openForCommand } from '../open.ts';

export const command: Command = {
  name: 'seed',
  summary: 'Add the demo data (Kabupaten Banyuwangi) / tambahkan data demo',
  usage: `Usage: layan seed

Migrates, loads the region tree if absent, and adds the demo data: Kabupaten Banyuwangi (35.10)
as a tenant. Idempotent. \`layan start\` does this by itself on the embedded database.`,
  async run(_args, io) {
    const deps = await openForCommand(readEnv(), io);
    if (typeof deps === 'number') return deps;
    try {
      io.stdout(`Database: ${describeDatabase(deps)}`);
      await migrate(deps.database.db);
      await prepareDatabase(deps, { seedDemo: true, log: io.stdout });
      io.stdout('Selesai / done.');
      return 0;
    } finally {
      await closeDeps(deps);
    }
  },
};
