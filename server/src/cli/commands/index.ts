import type { Command } from '../command.ts';
import { command as audit } from './audit.ts';
import { command as createAdmin } from './create-admin.ts';
import { command as ikm } from './ikm.ts';
import { command as importRegions } from './import-regions.ts';
import { command as migrate } from './migrate.ts';
import { command as nik } from './nik.ts';
import { command as seed } from './seed.ts';
import { command as sla } from './sla.ts';
import { command as spbe } from './spbe.ts';
import { command as start } from './start.ts';

/** Every `layan` command, in the order `layan --help` lists them. */
export const commands: Command[] = [start, migrate, importRegions, seed, createAdmin, audit, nik, sla, ikm, spbe];
