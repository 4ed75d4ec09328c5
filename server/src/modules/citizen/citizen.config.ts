import type { Deps } from '../../deps.ts';
import { resolveAuthConfig } from '../identity/identity.config.ts';

/** Tunables of citizen sign-in (docs/CITIZENS.md lists the production values). */
export interface CitizenConfig {
  /** A one-time code is valid this long… */
  otpTtlMs: number;
  /** …for this many wrong tries, then it is dead. */
  otpMaxAttempts: number;
  /** Codes issued per NIK per hour, counted in the database (all processes share it). */
  otpPerNikPerHour: number;
  /** Code requests per client address / per NIK per window (per process, like the staff limits). */
  otpRequestPerIpMax: number;
  otpRequestPerNikMax: number;
  /** Code checks and password sign-ins per client address / per NIK per window. */
  signInPerIpMax: number;
  signInPerNikMax: number;
  windowMs: number;
  /** Password sign-in: failures in a row before the account locks, and for how long. */
  maxFailedAttempts: number;
  lockoutMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  sessionTouchMs: number;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

export const CITIZEN_DEFAULTS: Omit<CitizenConfig, 'argon2'> = {
  otpTtlMs: 10 * 60_000,
  otpMaxAttempts: 5,
  otpPerNikPerHour: 6,
  otpRequestPerIpMax: 20,
  otpRequestPerNikMax: 5,
  signInPerIpMax: 30,
  signInPerNikMax: 10,
  windowMs: 15 * 60_000,
  maxFailedAttempts: 5,
  lockoutMs: 15 * 60_000,
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  sessionTouchMs: 60_000,
};

/**
 * UU 27/2022's 3×24 hours for answering a correction or deletion request: calendar time, not
 * working days. Fixed in law (and in a CHECK on data_request), so not configurable.
 */
export const DATA_REQUEST_DUE_MS = 72 * 60 * 60_000;

/** The defaults with `deps.citizenConfig` applied; argon2 cost is the staff one (tests lower both at once). */
export function resolveCitizenConfig(deps: Deps): CitizenConfig {
  return { ...CITIZEN_DEFAULTS, argon2: resolveAuthConfig(deps).argon2, ...deps.citizenConfig };
}
