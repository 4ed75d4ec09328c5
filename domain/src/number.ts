/**
 * Rounds half away from zero at `decimals` places. Shifting through the decimal string (not
 * `x * 100`) keeps 1.005 → 1.01 and 88.305 → 88.31, which binary multiplication gets wrong.
 * Throws RangeError when `decimals` is not an integer from 0 to 10.
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new RangeError(`decimals must be an integer 0–10, got ${decimals}`);
  }
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  // 15 significant digits drop the binary noise of the value (0.1 + 0.2 → 0.3) before shifting.
  const clean = Number(Math.abs(value).toPrecision(15));
  const rounded = shiftDecimal(Math.round(shiftDecimal(clean, decimals)), -decimals);
  return sign * rounded + 0; // + 0 turns -0 into 0
}

function shiftDecimal(value: number, places: number): number {
  const [mantissa, exponent] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent ?? 0) + places}`);
}
