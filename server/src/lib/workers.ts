import cluster, { type Worker } from 'node:cluster';

/**
 * Serving from several processes (LAYAN_WORKERS, .env.example; decision 0016): one Node.js process runs
 * JavaScript on one core, so on a machine with more the primary forks this many workers that
 * share the listening port (node:cluster hands connections out in turn). Every worker is a whole
 * server: its own pool, its own outbox worker and SLA job, all safe side by side on one
 * PostgreSQL database. The primary only supervises: it starts them, reports when all listen,
 * replaces one that dies, and on a stop signal stops them and waits.
 */
export interface SuperviseOptions {
  count: number;
  /** Called once, when every worker listens, with the port they share. */
  onReady: (port: number) => void;
  log: (line: string) => void;
  /** A worker dying this many times within `crashWindowMs` stops everything (a crash loop). */
  maxCrashes?: number;
  crashWindowMs?: number;
}

export interface Supervised {
  /** Resolves with the exit code for the primary: 0 after a stop, 1 after a crash loop. */
  done: Promise<number>;
  stop: (signal: string) => void;
}

export function superviseWorkers(options: SuperviseOptions): Supervised {
  const maxCrashes = options.maxCrashes ?? 5;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const live = new Set<Worker>();
  const listening = new Set<number>();
  const crashes: number[] = [];
  let ready = false;
  let stopping = false;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));
  let exitCode = 0;

  const fork = (): Worker => {
    const worker = cluster.fork();
    live.add(worker);
    worker.on('listening', (address) => {
      listening.add(worker.id);
      if (!ready && listening.size >= options.count) {
        ready = true;
        options.onReady(address.port);
      }
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      listening.delete(worker.id);
      if (stopping) {
        if (live.size === 0) finish(exitCode);
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0]! < now - crashWindowMs) crashes.shift();
      options.log(`worker ${worker.process.pid} exited (${signal ?? code}); ${crashes.length} in the last minute`);
      if (crashes.length >= maxCrashes) {
        options.log(`workers keep exiting: stopping`);
        exitCode = 1;
        stop('crash loop');
        return;
      }
      fork();
    });
    return worker;
  };

  const stop = (_reason: string) => {
    if (stopping) return;
    stopping = true;
    if (live.size === 0) finish(exitCode);
    // Each worker stops as `layan start` does on its own: jobs first, then open requests, then the pool.
    for (const worker of live) worker.process.kill('SIGTERM');
  };

  for (let i = 0; i < options.count; i++) fork();
  return { done, stop };
}

/** True in a process forked by superviseWorkers. */
export function isWorker(): boolean {
  return cluster.isWorker;
}

/** In a worker that has stopped serving: closes the channel to the primary, which would keep it alive. */
export function disconnectFromPrimary(): void {
  cluster.worker?.disconnect();
}
