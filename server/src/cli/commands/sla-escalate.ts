import { closeDeps } from '../../deps.ts';
import { readEnv } from '../../env.ts';
import { escalateBreachesOnce } from '../../modules/application/application.sla.ts';
import { escalateOverdueEverywhere } from '../../modules/complaint/complaint.service.ts';
import { printJson, type Command } from '../command.ts';
import { openForCommand } from '../open.ts';

export const command: Command = {
  name: 'sla-escalate',
  summary: 'Record applications and complaints past their deadlines (run it from cron) / catat pelanggaran tenggat',
  usage: `Usage: layan sla-escalate

Finds every open application past its deadline (working days in the tenant's calendar, paused
while it waited on the citizen), records the breach once per application and deadline in
sla_escalation, and writes an audit entry for each. Prints the breaches recorded by this run as
JSON. Then raises the escalation level of every complaint whose stage is past its working-day
deadline, at most once per local day (docs/COMPLAINTS.md). \`layan start\` does the same every 15
minutes (LAYAN_SLA_JOB, SLA_JOB_INTERVAL_MS); this command is for cron, or for servers started with
LAYAN_SLA_JOB=0. Safe to run while the server runs (PostgreSQL), or from several machines at once.
Details: docs/APPLICATIONS.md.`,
  async run(_args, io) {
    const deps = await openForCommand(readEnv(), io);
    if (typeof deps === 'number') return deps;
    try {
      const now = new Date();
      const result = await escalateBreachesOnce(deps.database.db, now);
      const complaints = await escalateOverdueEverywhere(deps.database.db, now);
      printJson(io, {
        recorded: result.escalated.length,
        breaches: result.escalated,
        complaintsEscalated: complaints.filter((c) => c.escalated.length > 0),
      });
      return 0;
    } finally {
      await closeDeps(deps);
    }
  },
};
