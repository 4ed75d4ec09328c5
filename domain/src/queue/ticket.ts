/** Ticket numbers, booking codes and the words a display board speaks. */

/** A queue's letter code: one to three capital letters ("A", "KTP"). */
export const QUEUE_CODE_PATTERN = /^[A-Z]{1,3}$/;

/** 'A', 1 → 'A-001'; numbers past 999 keep all their digits ('A-1000'). Throws RangeError for a bad number. */
export function formatTicketNumber(queueCode: string, number: number): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`ticket number must be a positive integer, not ${number}`);
  return `${queueCode}-${String(number).padStart(3, '0')}`;
}

/**
 * Booking codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), read out on
 * the phone and typed at a kiosk. 30^8 ≈ 6.6·10^11 codes.
 */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BOOKING_CODE_LENGTH = 8;

/** Upper-cases and strips spaces and dashes, so "ab2c-d3ef" and "AB2CD3EF" name the same booking. */
export function normalizeBookingCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export function isBookingCode(text: string): boolean {
  if (text.length !== BOOKING_CODE_LENGTH) return false;
  for (const ch of text) if (!BOOKING_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** Builds a booking code from random bytes (the caller supplies them: domain code does no I/O). */
export function bookingCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < BOOKING_CODE_LENGTH) throw new RangeError(`need ${BOOKING_CODE_LENGTH} random bytes`);
  let code = '';
  // 256 is not a multiple of 30: a slight bias towards the first 16 letters, harmless for a lookup code.
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++) code += BOOKING_CODE_ALPHABET[bytes[i]! % BOOKING_CODE_ALPHABET.length];
  return code;
}

const ONES = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

/** Indonesian number words (terbilang) for 0–9999: 121 → "seratus dua puluh satu". Throws RangeError outside. */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`terbilang covers 0–9999, not ${n}`);
  if (n < 12) return ONES[n]!;
  if (n < 20) return `${ONES[n - 10]} belas`;
  if (n < 100) return [`${ONES[Math.floor(n / 10)]} puluh`, n % 10 ? ONES[n % 10] : ''].filter(Boolean).join(' ');
  if (n < 1000) {
    const head = n < 200 ? 'seratus' : `${ONES[Math.floor(n / 100)]} ratus`;
    return [head, n % 100 ? terbilang(n % 100) : ''].filter(Boolean).join(' ');
  }
  const head = n < 2000 ? 'seribu' : `${ONES[Math.floor(n / 1000)]} ribu`;
  return [head, n % 1000 ? terbilang(n % 1000) : ''].filter(Boolean).join(' ');
}

function spellCode(code: string): string {
  // "A1" → "A satu", "IMI-2" → "I M I dua": letters one by one, digit runs as numbers.
  return (code.match(/[A-Z]|\d+/g) ?? []).map((part) => (/\d/.test(part) ? terbilang(Number(part)) : part)).join(' ');
}

/** What the display board says aloud: "Nomor antrean A seratus dua puluh tiga, silakan menuju loket A satu." */
export function spokenCall(options: { queueCode: string; number: number; counterCode: string; lang: 'id' | 'en' }): string {
  if (options.lang === 'en') {
    return `Ticket ${options.queueCode} ${options.number}, please go to counter ${options.counterCode.split('').join(' ')}.`;
  }
  const number = options.number <= 9999 ? terbilang(options.number) : String(options.number);
  return `Nomor antrean ${spellCode(options.queueCode)} ${number}, silakan menuju loket ${spellCode(options.counterCode)}.`;
}
