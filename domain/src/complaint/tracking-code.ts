/**
 * Complaint tracking codes: `ADU-XXXXX-XXXXX`, nine random symbols and one check symbol from
 * Crockford's base-32 alphabet (no I, L, O, U), so a code read over the phone or typed from a
 * receipt survives case and 0/O, 1/I/L mix-ups, and a single wrong or swapped symbol is caught
 * before the database is asked. 45 random bits: guessing a live code is hopeless at any rate limit.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'ADU';
export const COMPLAINT_CODE_RANDOM_BYTES = 9;

function checkSymbol(symbols: string): string {
  // Weighted sum with distinct weights catches every single substitution and adjacent swap.
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum += ALPHABET.indexOf(symbols[i]!) * (i + 1);
  return ALPHABET[sum % 31]!;
}

/** A code from at least 9 random bytes (the caller draws them: the domain does no I/O). */
export function makeComplaintCode(random: Uint8Array): string {
  if (random.length < COMPLAINT_CODE_RANDOM_BYTES) throw new RangeError('need 9 random bytes');
  let symbols = '';
  for (let i = 0; i < COMPLAINT_CODE_RANDOM_BYTES; i++) symbols += ALPHABET[random[i]! % 32]!;
  const all = symbols + checkSymbol(symbols);
  return `${PREFIX}-${all.slice(0, 5)}-${all.slice(5)}`;
}

/**
 * The canonical form of what someone typed (`adu 7k3mq-x9p2t`, `ADU7K3MQX9P2T`, with O for 0), or
 * undefined when it is not a well-formed code with a matching check symbol.
 */
export function normalizeComplaintCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!compact.startsWith(PREFIX)) return undefined;
  const body = compact.slice(PREFIX.length);
  if (body.length !== 10 || [...body].some((c) => !ALPHABET.includes(c))) return undefined;
  if (checkSymbol(body.slice(0, 9)) !== body[9]) return undefined;
  return `${PREFIX}-${body.slice(0, 5)}-${body.slice(5)}`;
}
