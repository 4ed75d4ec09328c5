import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../server/src/app.ts';
import type { Deps } from '../server/src/deps.ts';
import { closeDeps, createTestDeps } from './db.ts';

const require = createRequire(import.meta.url);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine needs: no sandbox as root, no network beyond loopback. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/**
 * A real server (API + built pages) on 127.0.0.1 at a free port over a fresh database, and a
 * Debian Chromium; `options.deps` replaces parts of the dependencies (e.g. `channels`). Missing
 * Chromium is a failure, never a skip: CI installs it.
 */
export async function startBrowserHarness(options: { deps?: Partial<Deps> } = {}): Promise<BrowserHarness> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs the Debian package "chromium".`);
  const base = await createTestDeps();
  // Overrides such as `channels` (a test SMTP server) on top of the fresh database.
  const deps: Deps = { ...base, ...options.deps };
  const app = await buildApp(deps, { logLevel: 'silent' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // CI runs two browser files at once beside PostgreSQL on two cores; a page that answers in a
  // second on a quiet machine can take tens of seconds there. Waits are for correctness, not
  // speed (performance is measured in bench/), so every context gets generous defaults.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<typeof newContext>) => {
    const context = await newContext(...args);
    context.setDefaultTimeout(60_000);
    context.setDefaultNavigationTimeout(90_000);
    return context;
  };
  return {
    baseUrl: address,
    browser,
    app,
    deps,
    async close() {
      await browser.close();
      await app.close();
      await closeDeps(base);
    },
  };
}

/** Runs axe-core on the page and fails on any WCAG 2.0/2.1/2.2 A or AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}
