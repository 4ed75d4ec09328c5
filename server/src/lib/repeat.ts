/**
 * A background loop for jobs inside a server process (the outbox worker, the SLA job): runs
 * `round` at once and then again after the delay it returns; a round that throws is reported and
 * retried after `retryMs`. Rounds never overlap, the timer never keeps the process alive, and
 * stop() waits for the round in progress.
 */
export interface Repeating {
  /** A no-op when already running. */
  start(): void;
  stop(): Promise<void>;
}

export function repeat(options: {
  /** One round; resolves with the milliseconds until the next. */
  round: () => Promise<number>;
  onError: (error: unknown) => void;
  retryMs: number;
}): Repeating {
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  function schedule(delayMs: number) {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      current = options.round().then(schedule, (error: unknown) => {
        options.onError(error);
        schedule(options.retryMs);
      });
    }, delayMs);
    timer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}
