import { migrate } from '../../db/migrate.ts';
import { closeDeps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import type { Command } from '../command.ts';
import { describeDatabase, openForCommand } from '../open.ts';

export const command: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations / terapkan migrasi basis data',
  usage: `Usage: layan migrate

Applies the SQL migrations in server/src/db/migrations that the database has not yet seen, each
in its own transaction. Safe to run while other processes start (an advisory lock serialises them).
Uses DATABASE_URL when set, else the embedded PGlite in DATA_DIR (default ./data).`,
  async run(_args, io) {
    const deps = await openForCommand(readEnv(), io);
    if (typeof deps === 'number') return deps;
    try {
      io.stdout(`Database: ${describeDatabase(deps)}`);
      const result = await migrate(deps.database.db);
      io.stdout(
        result.applied.length
          ? `Applied ${result.applied.length}: ${result.applied.join(', ')}`
          : `Up to date (${result.alreadyApplied} migrations).`,
      );
      return 0;
    } finally {
      await closeDeps(deps);
    }
  },
};
