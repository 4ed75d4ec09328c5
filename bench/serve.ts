// A server for the benchmarks, in its own process so load generation does not share its event
// loop. Modes: `bare` (one Fastify route returning a fixed JSON body — the ceiling), `layan`
// (the real app over the database named by the environment). Prints "PORT <n>" when listening.
import Fastify from 'fastify';
import { buildApp } from '../server/src/app.ts';
import { prepareDatabase } from '../server/src/db/prepare.ts';
import { createDeps } from '../server/src/deps.ts';
import { readEnv } from '../server/src/env.ts';

const mode = process.argv[2];

if (mode === 'bare') {
  const app = Fastify({ logger: false });
  // The same shape and a similar size as a typeahead answer of 10 items.
  const body = {
    items: Array.from({ length: 10 }, (_, i) => ({
      code: `35.10.01.20${String(i).padStart(2, '0')}`,
      name: 'Sukamaju',
      level: 'desa_kelurahan',
      kind: 'desa',
      path: ['Pesanggaran', 'Kabupaten Banyuwangi', 'Jawa Timur'],
    })),
  };
  app.get('/api/v1/regions', async () => body);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`PORT ${new URL(address).port}`);
} else if (mode === 'layan') {
  const env = { ...readEnv(), logLevel: 'silent' };
  const deps = await createDeps(env);
  await prepareDatabase(deps, { seedDemo: false, log: () => {} });
  const app = await buildApp(deps, { web: false, logLevel: 'silent' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`PORT ${new URL(address).port}`);
} else {
  console.error('usage: serve.ts bare|layan');
  process.exit(2);
}
