import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOX_WORKER_CONFIG, retryDelayMs } from './outbox.worker.ts';

describe('outbox retry delay', () => {
  const config = { baseDelayMs: 1000, maxDelayMs: 60_000 };

  it('doubles after each failure, half of it fixed and half random', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, config, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, config, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(3, config, () => 0.5)).toBe(3000);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(retryDelayMs(7, config, () => 1)).toBe(60_000);
    expect(retryDelayMs(50, config, () => 0)).toBe(30_000);
    expect(retryDelayMs(5000, config, () => 1)).toBe(60_000);
  });

  it('spreads messages that failed together over the window', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(3, config));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4000);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });

  it('by default gives up after 10 attempts, 1½ to 3 hours after the first (a gateway outage of an hour loses nothing)', () => {
    const { maxAttempts } = DEFAULT_OUTBOX_WORKER_CONFIG;
    const waits = (random: () => number) =>
      Array.from({ length: maxAttempts - 1 }, (_, i) => retryDelayMs(i + 1, DEFAULT_OUTBOX_WORKER_CONFIG, random)).reduce(
        (a, b) => a + b,
      );
    expect(maxAttempts).toBe(10);
    // 30 s, 1, 2, 4, 8, 16, 32, 60, 60 min: at least half of that, at most all of it.
    expect(waits(() => 0)).toBe(5_505_000);
    expect(waits(() => 1)).toBe(11_010_000);
  });
});
