import {
  REGION_CODE_PATTERN,
  SLA_UNITS,
  TIME_ZONE_LABEL,
  computeSlaDeadline,
  createWorkCalendar,
  formatDateTime,
  isLocalDate,
  listDaysOff,
  parseInstant,
  timeZoneOfRegion,
  toOffsetIso,
  workingDaysBetween,
  type SlaPause,
  type SlaUnit,
} from '@layan/domain';
import { parseCommandArgs, printJson, usageError, type CliIO, type Command } from '../command.ts';

const usage = `Usage: layan sla --region <code> --from <instant> --days <n> [options]
       layan sla --region <code> --from <instant> --amount <n> --unit <unit> [options]
       layan sla --region <code> --from <instant> --to <instant> [options]

Computes an SLA deadline (tenggat) in the region's time zone (WIB/WITA/WIT, from the province).
A deadline of n working days (hari kerja) ends at 23:59:59 local time of the n-th working day
AFTER the local day the clock starts; weekends, national holidays and cuti bersama are skipped.
The full rule, with pauses, is in docs/SLA.md.

Options:
  --region <code>       Kemendagri code at any level: 35, 35.10, 35.10.01
  --from <instant>      clock start, ISO-8601 with offset, e.g. 2026-11-20T10:00:00+07:00
  --days <n>            working days (n ≥ 0)
  --amount <n> --unit <u>
                        other units: ${SLA_UNITS.join(' | ')}
  --to <instant>        instead of a deadline: count working days in (from, to]
  --pause <at>/<until>  the application was with the citizen; leave <until> empty while it
                        still is (repeatable, in time order)
  --holiday <date>      an extra day off for this tenant, YYYY-MM-DD (repeatable)
  --work-cuti-bersama   the office works on cuti bersama
  --known-on <date>     use holiday data as known on this date (default: latest)

Output: JSON {dueDate, dueAt, timeZone, skipped:[{date, reason}], …}. Exit 0 on success,
1 when the region's province is unknown, 2 on bad usage.

Example:
  layan sla --region 35.10 --from 2026-11-20T10:00:00+07:00 --days 5`;

function fail(io: CliIO, message: string): number {
  return usageError(io, 'sla', message);
}

function parsePause(text: string): SlaPause | string {
  const [at, until, ...rest] = text.split('/');
  const pausedAt = parseInstant(at ?? '');
  if (!pausedAt || rest.length > 0) return `--pause "${text}": expected <instant>/<instant> or <instant>/`;
  if (!until) return { pausedAt };
  const resumedAt = parseInstant(until);
  return resumedAt ? { pausedAt, resumedAt } : `--pause "${text}": "${until}" is not an ISO instant with offset`;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(io, 'sla', {
    args,
    options: {
      region: { type: 'string' },
      from: { type: 'string' },
      days: { type: 'string' },
      amount: { type: 'string' },
      unit: { type: 'string' },
      to: { type: 'string' },
      pause: { type: 'string', multiple: true },
      holiday: { type: 'string', multiple: true },
      'work-cuti-bersama': { type: 'boolean' },
      'known-on': { type: 'string' },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.region || !values.from) return fail(io, '--region and --from are required');
  if (!REGION_CODE_PATTERN.test(values.region))
    return fail(io, `--region "${values.region}" is not a Kemendagri code like 35.10`);
  const from = parseInstant(values.from);
  if (!from) return fail(io, `--from "${values.from}" must be an ISO-8601 instant with offset, e.g. 2026-11-20T10:00:00+07:00`);
  const modes = [values.days, values.amount, values.to].filter((v) => v !== undefined).length;
  if (modes !== 1) return fail(io, 'give exactly one of --days, --amount (with --unit) or --to');
  const unit = (values.unit ?? 'working_days') as SlaUnit;
  if (!SLA_UNITS.includes(unit)) return fail(io, `--unit must be one of ${SLA_UNITS.join(', ')}`);
  if (values.days !== undefined && values.unit !== undefined && unit !== 'working_days')
    return fail(io, '--days means working days; use --amount with --unit');
  const amountText = values.days ?? values.amount;
  const amount = amountText === undefined ? 0 : Number(amountText);
  const wholeDays = unit === 'working_days' || unit === 'calendar_days';
  if (amountText !== undefined && (!/^\d+(\.\d+)?$/.test(amountText) || (wholeDays && !Number.isInteger(amount)))) {
    return fail(io, `amount "${amountText}" must be a ${wholeDays ? 'whole number' : 'number'} ≥ 0`);
  }
  for (const date of [...(values.holiday ?? []), ...(values['known-on'] ? [values['known-on']] : [])]) {
    if (!isLocalDate(date)) return fail(io, `"${date}" is not a date YYYY-MM-DD`);
  }
  const pauses: SlaPause[] = [];
  for (const text of values.pause ?? []) {
    const pause = parsePause(text);
    if (typeof pause === 'string') return fail(io, pause);
    pauses.push(pause);
  }

  const timeZone = timeZoneOfRegion(values.region);
  if (!timeZone) {
    io.stderr(`layan sla: no province ${values.region.slice(0, 2)} in the time-zone table; use a Kemendagri code (11–96)`);
    return 1;
  }
  const calendar = createWorkCalendar({
    timeZone,
    knownOn: values['known-on'],
    tenant: {
      add: (values.holiday ?? []).map((date) => ({ date, name: 'Libur tambahan (--holiday)' })),
      cutiBersamaIsWorkingDay: values['work-cuti-bersama'] ?? false,
    },
  });
  const common = { region: values.region, timeZoneLabel: TIME_ZONE_LABEL[timeZone], from: toOffsetIso(from, timeZone) };

  if (values.to !== undefined) {
    const to = parseInstant(values.to);
    if (!to) return fail(io, `--to "${values.to}" must be an ISO-8601 instant with offset`);
    const [low, high] = from <= to ? [from, to] : [to, from];
    printJson(io, {
      timeZone,
      ...common,
      to: toOffsetIso(to, timeZone),
      workingDays: workingDaysBetween(calendar, { from, to }),
      daysOff: listDaysOff(calendar, { from: low, to: high }),
      calendarVersion: calendar.dataVersion,
    });
    return 0;
  }

  let deadline;
  try {
    deadline = computeSlaDeadline({ calendar, start: from, amount, unit, pauses });
  } catch (error) {
    return fail(io, (error as Error).message);
  }
  printJson(io, {
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAtIso,
    timeZone,
    skipped: deadline.skipped,
    ...common,
    state: deadline.state,
    startDate: deadline.startDate,
    amount,
    unit,
    dueAtText: deadline.dueAt ? formatDateTime(deadline.dueAt, timeZone) : null,
    calendarVersion: deadline.calendarVersion,
    warnings: deadline.warnings,
  });
  return 0;
}

export const command: Command = {
  name: 'sla',
  summary: 'Compute an SLA deadline in working days / hitung tenggat hari kerja',
  usage,
  run,
};
