import path from 'node:path';

/** Runtime configuration, read once from the environment (see `.env.example`). */
export interface Env {
  port: number;
  host: string;
  /** Embedded PGlite data directory, used when `databaseUrl` is unset. */
  dataDir: string;
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl: string | undefined;
  logLevel: string;
  production: boolean;
  /** Directory of the built SvelteKit app (adapter-node output). */
  webBuildDir: string;
  /** Honour X-Forwarded-* from a reverse proxy (client address, protocol). */
  trustProxy: boolean;
}

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Reads the environment; throws on values that cannot be right so start-up fails loudly. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const port = Number(source.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${source.PORT}"`);
  }
  return {
    port,
    host: source.HOST ?? '127.0.0.1',
    dataDir: path.resolve(source.DATA_DIR ?? path.join(repoRoot, 'data')),
    databaseUrl: source.DATABASE_URL || undefined,
    logLevel: source.LOG_LEVEL ?? 'info',
    production: source.NODE_ENV === 'production',
    webBuildDir: path.resolve(source.WEB_BUILD_DIR ?? path.join(repoRoot, 'web/build')),
    trustProxy: source.TRUST_PROXY === '1',
  };
}
