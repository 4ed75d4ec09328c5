import { buildApp } from '../../app.ts';
import { prepareDatabase } from '../../db/prepare.ts';
import { closeDeps, type Deps } from '../../deps.ts';
import { readEnv, type Env } from '../../env.ts';
import { ensureWebBuild } from '../../lib/web-build.ts';
import { disconnectFromPrimary, isWorker, superviseWorkers } from '../../lib/workers.ts';
import { channelsFromEnv } from '../../modules/notification/notification.channel.ts';
import { createEscalationJob } from '../../jobs/escalation.ts';
import { createOutboxWorker } from '../../modules/outbox/outbox.worker.ts';
import { parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { describeDatabase, openForCommand } from '../open.ts';
import { progressReporter } from '../progress.ts';

export const command: Command = {
  name: 'start',
  summary: 'Serve Layan on http://localhost:3000 / jalankan Layan',
  usage: `Usage: layan start [--no-build] [--no-seed]

Builds the web app if its sources changed, migrates, loads the region tree on first start,
seeds the demo data (embedded database only, unless LAYAN_DEMO=1), then serves the API, the
pages and the docs. Ctrl-C stops it cleanly.

Environment (see .env.example): PORT (3000), HOST (127.0.0.1), DATA_DIR (./data),
DATABASE_URL (PostgreSQL; PGlite when unset), LOG_LEVEL (info), LAYAN_DEMO (0/1),
LAYAN_OUTBOX_WORKER (1: send queued e-mail/SMS from this process; 0 to leave it to others),
OUTBOX_POLL_MS (2000), LAYAN_SLA_JOB (1: record SLA breaches and escalate overdue complaints
every SLA_JOB_INTERVAL_MS, 900000 = 15 min; 0 to leave it to cron and \`layan sla-escalate\`),
LAYAN_WORKERS (1: server processes sharing the port, or auto for one per core; PostgreSQL only
above 1).

  --no-build   serve the existing web build even if sources changed
  --no-seed    do not add demo data`,
  async run(args, io) {
    const parsed = parseCommandArgs(io, 'start', {
      args,
      options: { 'no-build': { type: 'boolean' }, 'no-seed': { type: 'boolean' } },
    });
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const started = performance.now();
    const env = readEnv();
    if (isWorker()) return serveAsWorker(env, io);
    if (env.workers > 1 && !env.databaseUrl) {
      io.stderr(
        'layan: LAYAN_WORKERS di atas 1 memerlukan DATABASE_URL (PostgreSQL) / LAYAN_WORKERS above 1 needs DATABASE_URL (PostgreSQL): the embedded database serves one process',
      );
      return 2;
    }
    if (!values['no-build']) await ensureWebBuild(env.webBuildDir, io.stderr);

    const deps = await openForCommand(env, io);
    if (typeof deps === 'number') return deps;
    const demo = process.env.LAYAN_DEMO ? process.env.LAYAN_DEMO === '1' : deps.database.kind === 'pglite';
    const progress = progressReporter('Wilayah', io.stderr);
    try {
      io.stderr(`Database: ${describeDatabase(deps)}`);
      await prepareDatabase(deps, { seedDemo: demo && !values['no-seed'], log: io.stderr, progress: progress.update });
    } catch (error) {
      await closeDeps(deps);
      throw error;
    } finally {
      progress.stop();
    }

    if (env.workers > 1) {
      // The primary only supervises (server/src/lib/workers.ts); each worker opens its own pool.
      await closeDeps(deps);
      return superviseFromPrimary(env, io, started);
    }
    return serve(deps, env, io, started);
  },
};

/** Serves from this process until SIGINT/SIGTERM, then stops cleanly; resolves with the exit code. */
async function serve(deps: Deps, env: Env, io: CliIO, started?: number): Promise<number> {
  const app = await buildApp(deps);
  const address = await app.listen({ port: env.port, host: env.host });
  // The outbox worker sends what transactions queued (docs/NOTIFICATIONS.md); several processes
  // may each run one on the same PostgreSQL database.
  const worker = env.outboxWorker
    ? createOutboxWorker({
        db: deps.database.db,
        channels: deps.channels ?? channelsFromEnv(env, app.log),
        log: app.log,
        config: { pollIntervalMs: env.outboxPollMs },
      })
    : undefined;
  worker?.start();
  // SLA breaches and complaint escalations (docs/APPLICATIONS.md): idempotent, so every process
  // may run it; `layan sla-escalate` does the same from cron.
  const escalation = env.slaJob
    ? createEscalationJob({ db: deps.database.db, log: app.log, intervalMs: env.slaJobIntervalMs })
    : undefined;
  escalation?.start();
  if (started !== undefined) io.stderr(readyLine(address, started));

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      if (started !== undefined) io.stderr(`\n${signal}: berhenti / shutting down…`);
      // The worker first: it finishes the message it is sending (settling it needs the
      // database). close() waits for in-flight requests; the database closes after the last one.
      await Promise.all([worker?.stop(), escalation?.stop()]);
      await app.close();
      await closeDeps(deps);
      resolve(0);
    };
    // A worker keeps listening: Ctrl-C in a terminal reaches it and the primary passes a stop on
    // too, and a second signal must not kill it in the middle of a request. On its own, a second
    // Ctrl-C stops the process at once, as people expect.
    const listen = isWorker() ? process.on.bind(process) : process.once.bind(process);
    listen('SIGINT', () => void stop('SIGINT'));
    listen('SIGTERM', () => void stop('SIGTERM'));
  });
}

/** A worker forked by the primary: the database is prepared already, so it opens it and serves. */
async function serveAsWorker(env: Env, io: CliIO): Promise<number> {
  const deps = await openForCommand(env, io);
  if (typeof deps === 'number') return deps;
  const code = await serve(deps, env, io);
  // The channel to the primary would keep the process alive; closing it lets it end.
  disconnectFromPrimary();
  return code;
}

async function superviseFromPrimary(env: Env, io: CliIO, started: number): Promise<number> {
  const supervised = superviseWorkers({
    count: env.workers,
    log: (line) => io.stderr(`layan: ${line}`),
    onReady: (port) => io.stderr(`${readyLine(`http://${env.host}:${port}`, started)} · ${env.workers} workers`),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.stderr(`\n${signal}: berhenti / shutting down…`);
    supervised.stop(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return supervised.done;
}

function readyLine(address: string, started: number): string {
  const shown = address.replace('127.0.0.1', 'localhost');
  return `Layan siap / ready: ${shown}  (API docs: ${shown}/api/docs) in ${((performance.now() - started) / 1000).toFixed(1)} s`;
}
