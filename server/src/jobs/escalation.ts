import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { repeat } from '../lib/repeat.ts';
import { escalateBreachesOnce } from '../modules/application/application.sla.ts';
import { escalateOverdueEverywhere } from '../modules/complaint/complaint.service.ts';

// The SLA escalation job of `layan start` (docs/APPLICATIONS.md, docs/COMPLAINTS.md): every
// interval it records applications past their deadlines and raises the level of complaints past
// theirs, as `layan sla-escalate` does from cron. Both steps are idempotent and safe to run from
// several processes at once (a breach is recorded once per deadline; a complaint is escalated at
// most once per local day), so every server process may run the job.

/** 15 minutes: a breach is seen within a quarter of an hour of the deadline. */
export const DEFAULT_ESCALATION_INTERVAL_MS = 15 * 60_000;

export interface EscalationRound {
  /** Application breaches recorded by this round. */
  applications: number;
  /** Complaint escalations made by this round. */
  complaints: number;
}

export interface EscalationJob {
  /** Runs a round now and then every interval; a no-op when already running. */
  start(): void;
  /** Stops the schedule and waits for the round in progress; nothing keeps the process alive after. */
  stop(): Promise<void>;
  /** One round now, at `now`. */
  runOnce(now?: Date): Promise<EscalationRound>;
}

export function createEscalationJob(deps: { db: Kysely<DB>; log: FastifyBaseLogger; intervalMs?: number }): EscalationJob {
  const intervalMs = deps.intervalMs ?? DEFAULT_ESCALATION_INTERVAL_MS;

  async function runOnce(now = new Date()): Promise<EscalationRound> {
    const applications = await escalateBreachesOnce(deps.db, now);
    const complaints = await escalateOverdueEverywhere(deps.db, now);
    const round = {
      applications: applications.escalated.length,
      complaints: complaints.reduce((sum, c) => sum + c.escalated.length, 0),
    };
    if (round.applications > 0 || round.complaints > 0) deps.log.info(round, 'SLA breaches recorded');
    return round;
  }

  // A failed round (the database restarting, say) is logged and the next one tries again.
  const loop = repeat({
    round: async () => {
      await runOnce();
      return intervalMs;
    },
    onError: (error) => deps.log.error({ err: error }, 'SLA escalation round failed'),
    retryMs: intervalMs,
  });

  return {
    start: loop.start,
    stop: loop.stop,
    runOnce,
  };
}
