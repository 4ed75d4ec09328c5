import { migrate } from '../../db/migrate.ts';
import { closeDeps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import { importRegions } from '../../modules/region/region.import.ts';
import type { Command } from '../command.ts';
import { describeDatabase, openForCommand } from '../open.ts';
import { progressReporter } from '../progress.ts';

export const command: Command = {
  name: 'import-regions',
  summary: 'Load the Kemendagri region tree / muat pohon wilayah Kemendagri',
  usage: `Usage: layan import-regions

Loads the 38 provinces, 514 kabupaten/kota, 7,285 kecamatan and 83,762 desa/kelurahan from the
idn-area-data CSVs (ODbL), with time zones and 3T attributes, in one transaction. Running it again
updates changed names and marks codes missing from the data as inactive; nothing is deleted.`,
  async run(_args, io) {
    const deps = await openForCommand(readEnv(), io);
    if (typeof deps === 'number') return deps;
    const progress = progressReporter('Wilayah', io.stderr);
    try {
      io.stdout(`Database: ${describeDatabase(deps)}`);
      await migrate(deps.database.db);
      const started = performance.now();
      const result = await importRegions(deps.database.db, progress.update);
      progress.stop();
      io.stdout(JSON.stringify({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, null, 2));
      return 0;
    } finally {
      progress.stop();
      await closeDeps(deps);
    }
  },
};
