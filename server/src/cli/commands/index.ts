import type { Command } from '../command.ts';
import { command as audit } from './audit.ts';
import { command as createAdmin } from './create-admin.ts';
import { command as ikm } from './ikm.ts';
import { command as importRegions } from './import-regions.ts';
import { command as migrate } from './migrate.ts';
import { command as nik } from './nik.ts';
import { command as outbox } from './outbox.ts';
import { command as seed } from './seed.ts';
import { command as sla } from './sla.ts';
import { command as slaEscalate } from './sla-escalate.ts';
import { command as spbe } from './spbe.ts';
import { command as start } from './start.ts';
import { command as verify } from './verify.ts';

/** Every `layan` command, in the order `layan --help` lists them. */
export const commands: Command[] = [
  start,
  migrate,
  importRegions,
  seed,
  createAdmin,
  audit,
  verify,
  slaEscalate,
  outbox,
  nik,
  sla,
  ikm,
  spbe,
];
