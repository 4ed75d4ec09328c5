import { openDatabase, type Database, type OpenDatabaseOptions } from './db/database.ts';
import type { Env } from './env.ts';
import type { CitizenConfig } from './modules/citizen/citizen.config.ts';
import type { AuthConfig } from './modules/identity/identity.config.ts';
import type { Channels } from './modules/notification/notification.channel.ts';

/**
 * Everything a request handler or job may use, built once and passed explicitly (no container,
 * no globals). Tests build a fresh one per file.
 */
export interface Deps {
  env: Env;
  database: Database;
  /** Overrides of the sign-in limits and timings (tests shorten them); defaults otherwise. */
  authConfig?: Partial<AuthConfig>;
  /** Message channels (e-mail, SMS, WhatsApp); when absent they are built from env (SMTP_URL, SMS_GATEWAY_URL). */
  channels?: Channels;
  /** Overrides of citizen sign-in limits and timings (tests shorten them). */
  citizenConfig?: Partial<CitizenConfig>;
}

/** Opens the database named by `env`; throws DataDirLockedError when PGlite's directory is taken. */
export async function createDeps(env: Env, options: OpenDatabaseOptions = {}): Promise<Deps> {
  const database = await openDatabase(env, options);
  return { env, database };
}

/** Releases what createDeps opened. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.database.close();
}
