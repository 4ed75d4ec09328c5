/**
 * Working-day deadlines of each complaint stage, on the tenant's calendar (sla.ts): verification
 * from filing, the agency's answer from verification (or from a reopening), the reopening window
 * from the answer. A deadline of n hk ends at 23:59:59 local time on the n-th working day after the
 * start day (the start day never counts), exactly as for service standards (docs/SLA.md).
 */
import { localDateOf, type LocalDate } from '../calendar/date.ts';
import type { WorkCalendar } from '../calendar/working-days.ts';
import { computeSlaDeadline, type SlaDeadline } from '../sla.ts';
import { COMPLAINT_RULES, type ComplaintResponseClass, type ComplaintRules } from './rules.ts';
import type { ComplaintStatus } from './lifecycle.ts';

export type ComplaintStage = 'verify' | 'respond' | 'reopen_window';

export interface ComplaintDeadlineOptions {
  calendar: WorkCalendar;
  stage: ComplaintStage;
  /** When the stage's clock starts: filing, verification (or reopening), answer. */
  start: Date;
  /** Needed for 'respond'. */
  responseClass?: ComplaintResponseClass;
  rules?: ComplaintRules;
}

/** The working days a stage allows. Throws RangeError for 'respond' without a class. */
export function complaintStageDays(
  stage: ComplaintStage,
  responseClass?: ComplaintResponseClass,
  rules = COMPLAINT_RULES,
): number {
  if (stage === 'verify') return rules.verifyDays;
  if (stage === 'reopen_window') return rules.reopenDays;
  if (!responseClass) throw new RangeError('a response deadline needs the response class');
  return rules.responseDays[responseClass];
}

/** The stage's deadline on the tenant's calendar. Throws like computeSlaDeadline. */
export function complaintDeadline(options: ComplaintDeadlineOptions): SlaDeadline {
  return computeSlaDeadline({
    calendar: options.calendar,
    start: options.start,
    amount: complaintStageDays(options.stage, options.responseClass, options.rules),
    unit: 'working_days',
  });
}

/** True when `now` falls on a local date after `dueDate` (day-unit rule of sla.ts). */
export function isPastDueDate(calendar: WorkCalendar, dueDate: LocalDate, now: Date): boolean {
  return localDateOf(now, calendar.timeZone) > dueDate;
}

/** The stage whose clock runs in `status`, if any: who is late when it passes. */
export function runningStage(status: ComplaintStatus): 'verify' | 'respond' | null {
  if (status === 'belum_terverifikasi') return 'verify';
  // The answer's clock starts at verification, while the coordinator still has to dispose.
  if (status === 'terverifikasi' || status === 'terdisposisi' || status === 'ditindaklanjuti') return 'respond';
  return null;
}
