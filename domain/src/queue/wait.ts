/** Position and estimated wait for a citizen watching their ticket. */

export interface WaitEstimateInput {
  /** Tickets that will be called before this one. */
  placesAhead: number;
  /** Counters currently serving the ticket's queue (at least one is assumed when none is open). */
  counters: number;
  /** Average minutes one service takes at this queue; a default applies when there is no history. */
  averageServiceMinutes: number | null;
}

/** Minutes one service takes when a queue has no history yet. */
export const DEFAULT_SERVICE_MINUTES = 10;

/** Whole minutes until the ticket is likely called: places ahead shared across counters, times the average service. */
export function estimateWaitMinutes(input: WaitEstimateInput): number {
  if (input.placesAhead <= 0) return 0;
  const average =
    input.averageServiceMinutes && input.averageServiceMinutes > 0 ? input.averageServiceMinutes : DEFAULT_SERVICE_MINUTES;
  const counters = Math.max(1, input.counters);
  return Math.ceil((input.placesAhead / counters) * average);
}

/** True when the "almost your turn" message is due: at most `threshold` places ahead and not sent before. */
export function nearMessageDue(placesAhead: number, threshold: number, alreadySent: boolean): boolean {
  return !alreadySent && placesAhead >= 0 && placesAhead <= threshold;
}
