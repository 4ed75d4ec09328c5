import type { Deps } from '../../deps.ts';

/** Tunables of staff authentication (docs/ACCESS.md lists the production values). */
export interface AuthConfig {
  /** Failed sign-ins in a row before the account locks. */
  maxFailedAttempts: number;
  lockoutMs: number;
  /** A session ends this long after its last request… */
  sessionIdleMs: number;
  /** …and this long after sign-in, whatever happens. */
  sessionAbsoluteMs: number;
  /** last_seen_at is written at most this often per session (one write per request otherwise). */
  sessionTouchMs: number;
  /** Sign-in attempts per client address per window. */
  signInPerIpMax: number;
  /** Sign-in attempts per account (e-mail) per window. */
  signInPerAccountMax: number;
  signInWindowMs: number;
  /** Every other auth route, per client address per window. */
  authRoutePerIpMax: number;
  authRouteWindowMs: number;
  /** argon2id cost (OWASP 2023 minimum: 19 MiB, 2 passes, 1 lane). */
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

export const AUTH_DEFAULTS: AuthConfig = {
  maxFailedAttempts: 5,
  lockoutMs: 15 * 60_000,
  sessionIdleMs: 60 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  sessionTouchMs: 60_000,
  signInPerIpMax: 20,
  signInPerAccountMax: 10,
  signInWindowMs: 15 * 60_000,
  authRoutePerIpMax: 120,
  authRouteWindowMs: 60_000,
  argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
};

/** Deps with sign-in overrides (an alias kept for the test helpers). */
export type AuthDeps = Deps;

/** The defaults with `deps.authConfig` applied. */
export function resolveAuthConfig(deps: Deps): AuthConfig {
  return { ...AUTH_DEFAULTS, ...deps.authConfig };
}
