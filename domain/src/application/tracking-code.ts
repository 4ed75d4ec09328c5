/**
 * Public tracking codes for applications, e.g. `LYN-7KQ4-M9XW-H26`: ten random characters (50
 * bits) and one check character, from an alphabet without the look-alikes 0/O and 1/I, grouped
 * in fours so a citizen can read one aloud at a counter or type it from an SMS. The check
 * character catches every single wrong character and every swap of two neighbours (the check
 * character included) before a lookup is made.
 *
 * The check is Damm's scheme over the quasigroup x ⋆ y = a·(x + y) in GF(32), with a = x (the
 * field's generator, neither 0 nor 1). It is totally anti-symmetric and has a zero diagonal, which
 * is what makes every adjacent swap visible; Luhn mod 32, used before, misses the swap of the
 * first and last characters of the alphabet ("2Z" ↔ "Z2"), as Luhn mod 10 misses "09" ↔ "90".
 */

/** 8 digits and 24 letters: no 0, 1, I or O. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_PREFIX = 'LYN';
/** Random characters (5 bits each). */
export const TRACKING_RANDOM_LENGTH = 10;

const BASE = TRACKING_ALPHABET.length;
const INDEX = new Map([...TRACKING_ALPHABET].map((c, i) => [c, i]));

/** GF(32) as polynomials over GF(2) modulo the primitive x⁵ + x² + 1 (0b100101). */
const FIELD_MODULUS = 0b100101;

/** x ⋆ y = x·(x + y) in GF(32): addition is XOR, multiplying by x is a shift with reduction. */
function star(r: number, value: number): number {
  const sum = r ^ value;
  const shifted = sum << 1;
  return shifted & BASE ? shifted ^ FIELD_MODULUS : shifted;
}

/** The check character of `body` (characters of TRACKING_ALPHABET): the one that brings Damm's interim back to 0. */
export function trackingCheckCharacter(body: string): string {
  let interim = 0;
  for (const c of body) {
    const value = INDEX.get(c);
    if (value === undefined) throw new RangeError(`"${c}" is not a tracking-code character`);
    interim = star(interim, value);
  }
  // interim ⋆ check = 0 exactly when check = interim (the diagonal is zero).
  return TRACKING_ALPHABET[interim]!;
}

function format(body: string): string {
  const all = body + trackingCheckCharacter(body);
  return `${TRACKING_PREFIX}-${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8)}`;
}

/** Fills a byte array with random values; defaults to the platform's CSPRNG. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const cryptoRandom: RandomBytes = (bytes) => globalThis.crypto.getRandomValues(bytes);

/** A new tracking code. Each character takes 5 bits of a fresh random byte (32 divides 256: no bias). */
export function generateTrackingCode(random: RandomBytes = cryptoRandom): string {
  const bytes = random(new Uint8Array(TRACKING_RANDOM_LENGTH));
  let body = '';
  for (const byte of bytes) body += TRACKING_ALPHABET[byte % BASE];
  return format(body);
}

/**
 * The canonical form of a code typed by a person (`lyn 7kq4 m9xw h2c`, `7KQ4M9XWH2C`, with or
 * without the prefix), or undefined when it is not a well-formed code with a correct check
 * character.
 */
export function parseTrackingCode(input: string): string | undefined {
  let text = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (text.startsWith(TRACKING_PREFIX) && text.length === TRACKING_PREFIX.length + TRACKING_RANDOM_LENGTH + 1) {
    text = text.slice(TRACKING_PREFIX.length);
  }
  if (text.length !== TRACKING_RANDOM_LENGTH + 1) return undefined;
  if (![...text].every((c) => INDEX.has(c))) return undefined;
  const body = text.slice(0, TRACKING_RANDOM_LENGTH);
  if (trackingCheckCharacter(body) !== text[TRACKING_RANDOM_LENGTH]) return undefined;
  return format(body);
}

/** True for a code in canonical form with a correct check character. */
export function isTrackingCode(code: string): boolean {
  return parseTrackingCode(code) === code;
}

/** The SQL/JSON-schema pattern of a canonical code (the check character is not checked by it). */
export const TRACKING_CODE_PATTERN = '^LYN-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$';
