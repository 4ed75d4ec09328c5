import fs from 'node:fs';
import { SPBE_FRAMEWORKS, computeSpbeIndex, findSpbeFramework } from '@layan/domain';
import { parseCommandArgs, printJson, usageError, type CliIO, type Command } from '../command.ts';

const usage = `Usage: layan spbe <levels.json> [--framework <id>] [--what-if <n>]

Computes the SPBE (or Pemdi) index: Σ level × weight over the framework's indicators, with
domain and aspect indexes, the predicate (Memuaskan ≥ 4.2 · Sangat Baik ≥ 3.5 · Baik ≥ 2.6 ·
Cukup ≥ 1.8 · Kurang) and a what-if: the indicators that raise the index most per level, and
the fewest level raises that reach the next predicate.

<levels.json> maps indicator number → maturity level 1–5, e.g. {"1": 3, "2": 2, …, "47": 4}.
For pemdi-2025 the keys are aspect numbers 1–9 (its 35 indicators are not known yet).

Options:
  --framework <id>   ${SPBE_FRAMEWORKS.map((f) => f.id).join(' | ')} (default spbe-2020); both carry
                     unverified weights, see "verified" and "notes" in the output
  --what-if <n>      how many what-if indicators to list (default 5)

Exit 0 on success, 1 when a level is missing or out of range (errors name the indicator) or
the file is not JSON, 2 on bad usage.

Example:
  layan spbe levels.json --framework spbe-2020`;

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(io, 'spbe', {
    args,
    allowPositionals: true,
    options: { framework: { type: 'string' }, 'what-if': { type: 'string' } },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const fail = (message: string) => usageError(io, 'spbe', message);
  if (positionals.length !== 1) return fail('give exactly one levels JSON file');
  const framework = findSpbeFramework(values.framework ?? 'spbe-2020');
  if (!framework) return fail(`unknown framework "${values.framework}" (known: ${SPBE_FRAMEWORKS.map((f) => f.id).join(', ')})`);
  const whatIfCount = values['what-if'] === undefined ? 5 : Number(values['what-if']);
  if (!Number.isInteger(whatIfCount) || whatIfCount < 0) return fail('--what-if must be a whole number ≥ 0');

  const file = positionals[0]!;
  let levels: unknown;
  try {
    levels = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    io.stderr(`layan spbe: cannot read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }
  if (typeof levels !== 'object' || levels === null || Array.isArray(levels)) {
    io.stderr(`layan spbe: ${file} must hold a JSON object mapping indicator number → level, e.g. {"1": 3}`);
    return 1;
  }
  const result = computeSpbeIndex(framework, levels as Record<string, unknown>);
  printJson(io, {
    framework: { ...result.framework, notes: framework.notes },
    valid: result.valid,
    index: result.index,
    indexExact: result.indexExact,
    predicate: result.predicate,
    domains: result.domains.map((d) => ({
      number: d.number,
      name: d.name,
      weight: d.weight,
      index: d.index,
      aspects: d.aspects.map((a) => ({ number: a.number, name: a.name, weight: a.weight, index: a.index })),
    })),
    whatIf: result.whatIf.slice(0, whatIfCount),
    toNextPredicate: result.toNextPredicate,
    errors: result.errors,
  });
  return result.valid ? 0 : 1;
}

export const command: Command = {
  name: 'spbe',
  summary: 'Compute the SPBE or Pemdi index / hitung indeks SPBE atau Pemdi',
  usage,
  run,
};
