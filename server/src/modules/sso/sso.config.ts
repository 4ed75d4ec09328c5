/**
 * OpenID Connect providers, configured by environment (docs/SSO.md). No imports from the rest of
 * the server: env.ts parses OIDC_PROVIDERS with this at start-up.
 */

/** Who a provider signs in: staff (matched by verified e-mail) or citizens (by NIK). */
export type OidcAudience = 'citizen' | 'staff';

export interface OidcProviderConfig {
  /** Path segment: `/api/v1/auth/oidc/<id>/start`. Lower case letters, digits, `-`, `_`. */
  id: string;
  /** Shown on the sign-in button, e.g. "INApas". */
  label: string;
  /** The issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only, `token_endpoint_auth_method: none`). */
  clientSecret?: string;
  /** How the secret is sent; default `client_secret_basic` when there is a secret. */
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  audience: OidcAudience;
  /** Space-separated scopes; `openid` is added when missing. */
  scopes: string;
  /** Citizen providers: the claim holding the 16-digit NIK. */
  nikClaim: string;
  /**
   * Staff providers: `amr` values that count as multi-factor (e.g. `["mfa", "otp", "hwk"]`).
   * Staff with TOTP enrolled are let in through SSO only when the ID token's `amr` holds one of
   * these; empty (default): they are refused and must use password + code.
   */
  mfaAmr: string[];
  /**
   * Staff providers: only accounts whose home region lies at or below one of these nodes
   * (`["35.10"]`; `"*"` includes national accounts). Absent: every staff account.
   */
  staffRegions?: string[];
}

const REGION_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

function fail(index: number, message: string): never {
  throw new Error(`OIDC_PROVIDERS[${index}]: ${message} (docs/SSO.md)`);
}

function text(raw: Record<string, unknown>, index: number, key: string, required: boolean): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === '') {
    if (required) fail(index, `"${key}" is required`);
    return undefined;
  }
  if (typeof value !== 'string') fail(index, `"${key}" must be a string`);
  return value;
}

/** Whether a staff account homed at `regionCode` (null: national) may sign in through `provider`. */
export function providerReachesRegion(provider: OidcProviderConfig, regionCode: string | null): boolean {
  if (!provider.staffRegions) return true;
  return provider.staffRegions.some(
    (node) => node === '*' || (regionCode !== null && (regionCode === node || regionCode.startsWith(`${node}.`))),
  );
}

/** Whether an issuer is this machine (tests, local development): the only place plain http is allowed. */
export function isLoopbackIssuer(issuer: string): boolean {
  const url = new URL(issuer);
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * Parses OIDC_PROVIDERS (a JSON array); unset or empty gives no providers. Throws on anything
 * that cannot be right, so start-up fails loudly rather than at the first sign-in.
 */
export function parseOidcProviders(json: string | undefined): OidcProviderConfig[] {
  if (!json || !json.trim()) return [];
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    throw new Error('OIDC_PROVIDERS must be a JSON array (docs/SSO.md)');
  }
  if (!Array.isArray(list)) throw new Error('OIDC_PROVIDERS must be a JSON array (docs/SSO.md)');
  const seen = new Set<string>();
  return list.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(index, 'must be an object');
    const raw = item as Record<string, unknown>;
    const known = [
      'id',
      'label',
      'issuer',
      'clientId',
      'clientSecret',
      'tokenEndpointAuthMethod',
      'audience',
      'scopes',
      'nikClaim',
      'mfaAmr',
      'staffRegions',
    ];
    for (const key of Object.keys(raw)) if (!known.includes(key)) fail(index, `unknown key "${key}"`);
    const id = text(raw, index, 'id', true)!;
    if (!ID_PATTERN.test(id)) fail(index, `"id" must match ${ID_PATTERN}`);
    if (seen.has(id)) fail(index, `"id" ${id} appears twice`);
    seen.add(id);
    const issuer = text(raw, index, 'issuer', true)!;
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      fail(index, '"issuer" must be a URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackIssuer(issuer))) {
      fail(index, '"issuer" must use https (plain http only for 127.0.0.1/localhost)');
    }
    const audience = text(raw, index, 'audience', true);
    if (audience !== 'citizen' && audience !== 'staff') fail(index, '"audience" must be "citizen" or "staff"');
    const clientSecret = text(raw, index, 'clientSecret', false);
    const method = text(raw, index, 'tokenEndpointAuthMethod', false) ?? (clientSecret ? 'client_secret_basic' : 'none');
    if (method !== 'client_secret_basic' && method !== 'client_secret_post' && method !== 'none') {
      fail(index, '"tokenEndpointAuthMethod" must be client_secret_basic, client_secret_post or none');
    }
    if (method !== 'none' && !clientSecret) fail(index, `"clientSecret" is required for ${method}`);
    const scopes = (text(raw, index, 'scopes', false) ?? 'openid profile email').split(/\s+/).filter(Boolean);
    if (!scopes.includes('openid')) scopes.unshift('openid');
    const mfaAmr = raw.mfaAmr ?? [];
    if (!Array.isArray(mfaAmr) || !mfaAmr.every((v) => typeof v === 'string')) {
      fail(index, '"mfaAmr" must be an array of strings');
    }
    const staffRegions = raw.staffRegions;
    if (
      staffRegions !== undefined &&
      (!Array.isArray(staffRegions) ||
        staffRegions.length === 0 ||
        !staffRegions.every((v) => v === '*' || (typeof v === 'string' && REGION_PATTERN.test(v))))
    ) {
      fail(index, '"staffRegions" must be a non-empty array of region codes (e.g. "35.10") or "*"');
    }
    return {
      id,
      label: text(raw, index, 'label', false) ?? id,
      issuer,
      clientId: text(raw, index, 'clientId', true)!,
      ...(clientSecret ? { clientSecret } : {}),
      tokenEndpointAuthMethod: method,
      audience,
      scopes: scopes.join(' '),
      nikClaim: text(raw, index, 'nikClaim', false) ?? 'nik',
      mfaAmr: mfaAmr as string[],
      ...(staffRegions ? { staffRegions: staffRegions as string[] } : {}),
    };
  });
}
