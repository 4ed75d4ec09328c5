/**
 * Who is called next. A counter serves the queues it has the skill for; among the tickets
 * waiting in those queues (or transferred to that very counter) it takes, in this order:
 *
 * 1. a ticket transferred to this counter by name (the citizen was already sent here);
 * 2. a priority ticket (lansia, penyandang disabilitas, ibu hamil — UU 25/2009 Pasal 29 asks
 *    for special treatment of vulnerable groups);
 * 3. the earliest due time: a walk-in is due when it was issued, a booking at its slot's start
 *    (see `dueAtOf`), so bookings keep their time without jumping ahead of people already there;
 * 4. then the lower ticket number, then the queue code (a stable order).
 *
 * Fairness across queues is this single order over all the counter's queues: the head that has
 * been due longest is called first, so a small queue is never starved by a busy one. The SQL of
 * call-next (server/src/modules/queue/queue.repo.ts) orders by exactly these keys; a test compares
 * the two on random data.
 */

export interface CallCandidate {
  id: string;
  queueId: string;
  queueCode: string;
  number: number;
  priority: boolean;
  /** Milliseconds since the epoch. */
  dueAt: number;
  /** Set when the ticket was transferred to one counter by name. */
  targetCounterId: string | null;
}

export interface CounterSkills {
  counterId: string;
  queueIds: readonly string[];
}

/** True when the counter may call the ticket: transferred to it, or in one of its queues and not sent to another counter. */
export function canCall(counter: CounterSkills, ticket: CallCandidate): boolean {
  if (ticket.targetCounterId !== null) return ticket.targetCounterId === counter.counterId;
  return counter.queueIds.includes(ticket.queueId);
}

/** Negative when `a` is called before `b` by `counter` (see the module comment). */
export function compareForCall(counterId: string, a: CallCandidate, b: CallCandidate): number {
  const targeted = Number(b.targetCounterId === counterId) - Number(a.targetCounterId === counterId);
  if (targeted !== 0) return targeted;
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  if (a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  if (a.number !== b.number) return a.number - b.number;
  return a.queueCode < b.queueCode ? -1 : a.queueCode > b.queueCode ? 1 : 0;
}

/** The ticket `counter` calls next among `waiting`, or undefined when none is for it. */
export function pickNext(counter: CounterSkills, waiting: readonly CallCandidate[]): CallCandidate | undefined {
  let best: CallCandidate | undefined;
  for (const ticket of waiting) {
    if (!canCall(counter, ticket)) continue;
    if (!best || compareForCall(counter.counterId, ticket, best) < 0) best = ticket;
  }
  return best;
}

export interface DueAtInput {
  /** When the ticket was issued (walk-in) or the booking checked in. */
  issuedAt: Date;
  /** For a booking: its slot. */
  slot?: { startsAt: Date; endsAt: Date };
  /** Minutes after the slot's end a late booking still keeps its slot time; default 15. */
  graceMinutes?: number;
}

/**
 * When a ticket becomes due. Walk-in: when issued. Booking checked in before its slot ends (plus
 * grace): the slot's start, even if that is earlier than check-in (they booked that time) or
 * later (arriving early does not jump the line). Later than that: when checked in, like a walk-in.
 */
export function dueAtOf(input: DueAtInput): Date {
  if (!input.slot) return input.issuedAt;
  const graceMs = (input.graceMinutes ?? 15) * 60_000;
  if (input.issuedAt.getTime() <= input.slot.endsAt.getTime() + graceMs) return input.slot.startsAt;
  return input.issuedAt;
}

/** A ticket that has been called this many times without the citizen coming is a no-show. */
export function isNoShow(callCount: number, maxCalls: number): boolean {
  return callCount >= maxCalls;
}
