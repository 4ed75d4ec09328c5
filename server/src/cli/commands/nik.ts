import { createRegionLookup, isLocalDate, localDateOf, validateKk, validateNik, type NikRegionLookup } from '@layan/domain';
import { parseCommandArgs, printJson, type CliIO, type Command } from '../command.ts';
import { readRegionLevel } from '../../modules/region/region.csv.ts';

const usage = `Usage: layan nik <number>... [--kk] [--today YYYY-MM-DD]

Checks NIK (Nomor Induk Kependudukan) numbers offline and prints what they encode: region of
first registration (Kemendagri codes from idn-area-data), sex (L/P) and birth date. This is a
plausibility check; only Dukcapil can confirm that a NIK exists.

Rules: 16 digits · the first 6 are a known kecamatan (PP.KK.CC) · DD 01–31, or 41–71 for women
(day + 40) · MM 01–12 · a real date, YY ≤ this year's two digits → 20YY, else 19YY, not in the
future · serial ≠ 0000.

Options:
  --kk                 check Kartu Keluarga numbers instead (region + issue date DDMMYY + serial;
                       that layout is unverified, see structureVerified in the output)
  --today YYYY-MM-DD   reference date for the century and the future check (default: today, WIB)

Output: one JSON object per number (an array when several are given), with errors as
{code, message (id), messageEn}. Exit 0 when all are valid, 1 when any is not, 2 on bad usage.

Example:
  layan nik 3510014708900001`;

let regionLookup: NikRegionLookup | undefined;

// The districts CSV has 7,000+ rows; read it once per process, not once per number.
function regions(): NikRegionLookup {
  regionLookup ??= createRegionLookup({
    provinces: readRegionLevel('provinces'),
    regencies: readRegionLevel('regencies'),
    districts: readRegionLevel('districts'),
  });
  return regionLookup;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(io, 'nik', {
    args,
    allowPositionals: true,
    options: { kk: { type: 'boolean' }, today: { type: 'string' } },
  });
  if (typeof parsed === 'number') return parsed;
  const numbers = parsed.positionals;
  if (numbers.length === 0) {
    io.stderr(`layan nik: give at least one number\n\n${usage}`);
    return 2;
  }
  const today = parsed.values.today ?? localDateOf(new Date(), 'Asia/Jakarta');
  if (!isLocalDate(today)) {
    io.stderr(`layan nik: --today must be a date YYYY-MM-DD, got "${today}"`);
    return 2;
  }
  const options = { regions: regions(), today };
  const results = numbers.map((n) => (parsed.values.kk ? validateKk(n, options) : validateNik(n, options)));
  printJson(io, results.length === 1 ? results[0] : results);
  return results.every((r) => r.valid) ? 0 : 1;
}

export const command: Command = {
  name: 'nik',
  summary: 'Check a NIK or KK number offline / periksa NIK atau nomor KK',
  usage,
  run,
};
