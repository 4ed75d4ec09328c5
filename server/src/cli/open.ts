import type { CliIO } from './command.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { createDeps, type Deps } from '../deps.ts';
import type { Env } from '../env.ts';

/** Exit code when the PGlite data directory is held by another process. */
export const EXIT_LOCKED = 3;

/**
 * Opens the database for a command. A locked data directory is an expected condition (a server
 * is running), so it becomes a clear message and exit code 3 rather than a stack trace.
 */
export async function openForCommand(env: Env, io: CliIO): Promise<Deps | number> {
  try {
    return await createDeps(env);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      io.stderr(`layan: ${error.message}`);
      return EXIT_LOCKED;
    }
    throw error;
  }
}

/** Describes where the data is, for the first lines a command prints. */
export function describeDatabase(deps: Deps): string {
  return deps.database.kind === 'pglite'
    ? `PGlite (embedded) in ${deps.database.location}`
    : `PostgreSQL at ${deps.database.location}`;
}
