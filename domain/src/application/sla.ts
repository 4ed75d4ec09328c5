/**
 * An application's SLA clock, built on the service-standard clock (../sla.ts, docs/SLA.md): it
 * starts at the first submission, counts the standard's service time in the tenant's calendar,
 * and stops while the application waits on the citizen (returned for a fix); and the risk
 * buckets the officers' inbox is ordered by.
 */
import { localDateOf, type LocalDate } from '../calendar/date.ts';
import { workingDaysBetween, type WorkCalendar } from '../calendar/working-days.ts';
import { computeSlaDeadline, type SlaDeadline, type SlaPause, type SlaUnit } from '../sla.ts';
import { DEFAULT_WORKFLOW, workflowState, type WorkflowDefinition } from './workflow.ts';

/** One entry of an application's history: it entered `state` at `at`. In time order. */
export interface StateEntry {
  state: string;
  at: Date;
}

/**
 * The pauses of the clock: from each entry into a state that waits on the citizen to the next
 * entry into one that does not (open while it still waits).
 */
export function pausesFromHistory(history: readonly StateEntry[], workflow: WorkflowDefinition = DEFAULT_WORKFLOW): SlaPause[] {
  const pauses: SlaPause[] = [];
  let open: SlaPause | undefined;
  for (const entry of history) {
    const waiting = workflowState(workflow, entry.state)?.waitingOnCitizen === true;
    if (waiting && !open) {
      open = { pausedAt: entry.at, resumedAt: null };
      pauses.push(open);
    } else if (!waiting && open) {
      open.resumedAt = entry.at;
      open = undefined;
    }
  }
  return pauses;
}

export interface ApplicationDeadlineOptions {
  calendar: WorkCalendar;
  /** The first submission: the clock's start. */
  submittedAt: Date;
  serviceTime: { amount: number; unit: SlaUnit };
  /** The history from the first submission on (the submission's own entry included). */
  history?: readonly StateEntry[];
  workflow?: WorkflowDefinition;
}

/** When the application is due, with the citizen's waits removed; state 'paused' while it waits. */
export function applicationDeadline(options: ApplicationDeadlineOptions): SlaDeadline {
  return computeSlaDeadline({
    calendar: options.calendar,
    start: options.submittedAt,
    amount: options.serviceTime.amount,
    unit: options.serviceTime.unit,
    pauses: pausesFromHistory(options.history ?? [], options.workflow),
  });
}

/** Inbox order: most urgent first. */
export const SLA_RISKS = ['overdue', 'due_today', 'due_soon', 'on_track', 'paused', 'closed'] as const;
export type SlaRisk = (typeof SLA_RISKS)[number];

/** Working days ahead that still count as "due soon". */
export const DUE_SOON_WORKING_DAYS = 2;

export interface SlaRiskOptions {
  calendar: WorkCalendar;
  now: Date;
  /** The due date (local), null while the clock is paused. */
  dueDate: LocalDate | null;
  /** The due instant, for hour and minute clocks. */
  dueAt?: Date | null;
  unit?: SlaUnit;
  /** True once the application reached a terminal state. */
  closed?: boolean;
  soonWorkingDays?: number;
}

/**
 * The bucket an application falls in at `now`: overdue (past its due date, or its due instant for
 * hour clocks), due today, due within DUE_SOON_WORKING_DAYS working days, on track; paused while
 * it waits on the citizen; closed when finished.
 */
export function slaRisk(options: SlaRiskOptions): SlaRisk {
  if (options.closed) return 'closed';
  if (!options.dueDate) return 'paused';
  const today = localDateOf(options.now, options.calendar.timeZone);
  const timed = options.unit === 'hours' || options.unit === 'minutes';
  if (timed && options.dueAt ? options.now > options.dueAt : today > options.dueDate) return 'overdue';
  if (today === options.dueDate) return 'due_today';
  const ahead = workingDaysBetween(options.calendar, { from: today, to: options.dueDate });
  return ahead <= (options.soonWorkingDays ?? DUE_SOON_WORKING_DAYS) ? 'due_soon' : 'on_track';
}

/** Compares two risks for sorting (most urgent first). */
export function compareSlaRisk(a: SlaRisk, b: SlaRisk): number {
  return SLA_RISKS.indexOf(a) - SLA_RISKS.indexOf(b);
}
