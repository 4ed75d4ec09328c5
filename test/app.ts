import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../server/src/app.ts';
import type { Deps } from '../server/src/deps.ts';
import { closeDeps, createTestDeps } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** The whole HTTP app (without pages) over a fresh database; requests go through `app.inject`. */
export async function createTestApp(options: BuildAppOptions = {}): Promise<TestApp> {
  const deps = await createTestDeps();
  const app = await buildApp(deps, { web: false, logLevel: 'silent', ...options });
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await closeDeps(deps);
    },
  };
}
