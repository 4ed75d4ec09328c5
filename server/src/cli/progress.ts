import cliProgress from 'cli-progress';
import type { ImportProgress } from '../modules/region/region.import.ts';

/** A progress bar on a terminal, a line per quarter elsewhere (CI logs stay short). */
export function progressReporter(label: string, write: (line: string) => void): { update: ImportProgress; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastQuarter = -1;
  return {
    update(done, total) {
      const quarter = Math.floor((done / total) * 4);
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        write(`${label}: ${done}/${total}`);
      }
    },
    stop() {},
  };
}
