import os from 'node:os';
import path from 'node:path';
import { parseOidcProviders, type OidcProviderConfig } from './modules/sso/sso.config.ts';

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
  /** SMTP server for e-mail (`smtp://user:pass@host:587`, `smtps://…`); unset: no e-mail channel. */
  smtpUrl?: string;
  /** Sender of e-mail, e.g. `Layan <no-reply@layan.example.go.id>`. */
  mailFrom?: string;
  /** SMS/WhatsApp HTTP gateway (docs/NOTIFICATIONS.md); unset: no SMS channel. */
  smsGatewayUrl?: string;
  /** Bearer token sent to the gateway, if it wants one. */
  smsGatewayToken?: string;
  /** Secret from which the NIK lookup-hash and encryption keys are derived (docs/CITIZENS.md). */
  nikKey?: string;
  /** Secret from which the key encrypting the documents' signing keys is derived (LAYAN_SIGNING_KEY, docs/DOCUMENTS.md). */
  signingKey?: string;
  /** OpenID Connect providers for single sign-on (OIDC_PROVIDERS, docs/SSO.md); empty: none. */
  oidcProviders: OidcProviderConfig[];
  /** The public origin (`https://layan.example.go.id`) for callback URLs (LAYAN_PUBLIC_URL). */
  publicUrl?: string;
  /** Run the outbox worker inside `layan start` (LAYAN_OUTBOX_WORKER, default 1; docs/NOTIFICATIONS.md). */
  outboxWorker: boolean;
  /** How often the outbox worker looks for due messages, in ms (OUTBOX_POLL_MS, default 2000). */
  outboxPollMs: number;
  /** Run the SLA escalation job inside `layan start` (LAYAN_SLA_JOB, default 1; docs/APPLICATIONS.md). */
  slaJob: boolean;
  /** How often it runs, in ms (SLA_JOB_INTERVAL_MS, default 900000 = 15 minutes). */
  slaJobIntervalMs: number;
  /** Server processes `layan start` runs (LAYAN_WORKERS: 1 to 64, or `auto` for one per core; default 1; PostgreSQL only above 1). */
  workers: number;
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
    smtpUrl: source.SMTP_URL || undefined,
    mailFrom: source.MAIL_FROM || undefined,
    smsGatewayUrl: source.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: source.SMS_GATEWAY_TOKEN || undefined,
    nikKey: readNikKey(source),
    signingKey: readSigningKey(source),
    oidcProviders: parseOidcProviders(source.OIDC_PROVIDERS),
    publicUrl: readPublicUrl(source),
    outboxWorker: source.LAYAN_OUTBOX_WORKER !== '0',
    outboxPollMs: readOutboxPollMs(source),
    slaJob: source.LAYAN_SLA_JOB !== '0',
    slaJobIntervalMs: readSlaJobIntervalMs(source),
    workers: readWorkers(source),
  };
}

/** LAYAN_NIK_KEY: at least 32 characters (the server refuses to start without it in production). */
function readNikKey(source: NodeJS.ProcessEnv): string | undefined {
  const key = source.LAYAN_NIK_KEY || undefined;
  if (key !== undefined && key.length < 32) {
    throw new Error('LAYAN_NIK_KEY must be at least 32 characters (e.g. openssl rand -base64 48)');
  }
  return key;
}

/** LAYAN_SIGNING_KEY: at least 32 characters (documents cannot be issued without it in production). */
function readSigningKey(source: NodeJS.ProcessEnv): string | undefined {
  const key = source.LAYAN_SIGNING_KEY || undefined;
  if (key !== undefined && key.length < 32) {
    throw new Error('LAYAN_SIGNING_KEY must be at least 32 characters (e.g. openssl rand -base64 48)');
  }
  return key;
}

/** LAYAN_PUBLIC_URL: an origin (scheme, host, optional port), without a path; required in production when OIDC_PROVIDERS is set. */
function readPublicUrl(source: NodeJS.ProcessEnv): string | undefined {
  const raw = source.LAYAN_PUBLIC_URL || undefined;
  if (raw === undefined) {
    if (source.NODE_ENV === 'production' && source.OIDC_PROVIDERS?.trim()) {
      throw new Error('LAYAN_PUBLIC_URL must be set in production when OIDC_PROVIDERS is (docs/SSO.md)');
    }
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`LAYAN_PUBLIC_URL must be a URL such as https://layan.example.go.id, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname.replace(/\/$/, '') !== '' || url.search) {
    throw new Error(`LAYAN_PUBLIC_URL must be an origin such as https://layan.example.go.id, got "${raw}"`);
  }
  return url.origin;
}

/**
 * A whole number from `min` to `max` in `source[name]`, `fallback` when unset; throws naming the
 * setting, the range and what was given.
 */
function readWholeNumber(
  source: NodeJS.ProcessEnv,
  name: string,
  options: { fallback: number; min: number; max: number; what: string; orElse?: string },
  raw: unknown = source[name] ?? options.fallback,
): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < options.min || value > options.max) {
    const orElse = options.orElse ? ` or ${options.orElse}` : '';
    throw new Error(`${name} must be ${options.what} from ${options.min} to ${options.max}${orElse}, got "${source[name]}"`);
  }
  return value;
}

/** OUTBOX_POLL_MS: a whole number of milliseconds, 50 to 600000. */
function readOutboxPollMs(source: NodeJS.ProcessEnv): number {
  return readWholeNumber(source, 'OUTBOX_POLL_MS', {
    fallback: 2000,
    min: 50,
    max: 600_000,
    what: 'a whole number of milliseconds',
  });
}

/** SLA_JOB_INTERVAL_MS: a whole number of milliseconds, 1000 to 86400000 (a day). */
function readSlaJobIntervalMs(source: NodeJS.ProcessEnv): number {
  return readWholeNumber(source, 'SLA_JOB_INTERVAL_MS', {
    fallback: 900_000,
    min: 1000,
    max: 86_400_000,
    what: 'a whole number of milliseconds',
  });
}

/** LAYAN_WORKERS: a whole number from 1 to 64, or `auto` (one per core the process may use). */
function readWorkers(source: NodeJS.ProcessEnv): number {
  const raw = source.LAYAN_WORKERS?.trim() || '1';
  return readWholeNumber(
    source,
    'LAYAN_WORKERS',
    { fallback: 1, min: 1, max: 64, what: 'a whole number', orElse: '"auto"' },
    raw === 'auto' ? os.availableParallelism() : raw,
  );
}
