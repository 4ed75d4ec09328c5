// A server for the benchmarks, in its own process so load generation does not share its event
// loop. Modes: `bare` (fixed JSON bodies of the same shape and size as the real answers, on the
// same paths — the ceiling), `layan` (the real app over the database named by the environment;
// BENCH_SEED=1 adds the demo data; LAYAN_WORKERS as for `layan start`). Prints "PORT <n>" when listening.
import Fastify from 'fastify';
import { buildApp } from '../server/src/app.ts';
import { prepareDatabase } from '../server/src/db/prepare.ts';
import { createDeps } from '../server/src/deps.ts';
import { readEnv } from '../server/src/env.ts';
import { isWorker, superviseWorkers } from '../server/src/lib/workers.ts';

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
  // Ten catalog search results, shaped like GET /api/v1/services answers.
  const services = {
    items: Array.from({ length: 10 }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      slug: `layanan-${i}`,
      tenantCode: '35.10',
      name: { id: 'Penerbitan Akta Kelahiran', en: 'Birth certificate' },
      agency: {
        id: '00000000-0000-4000-8000-000000000100',
        slug: 'disdukcapil',
        name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi',
        shortName: 'Disdukcapil',
      },
      sector: 'adminduk',
      channels: ['online', 'loket', 'desa'],
      fee: { kind: 'gratis', text: 'Gratis' },
      serviceTime: { amount: 1, unit: 'hours', text: '1 jam' },
      summary: { id: 'Akta kelahiran untuk anak yang lahir di wilayah ini.', en: 'Birth certificate for a child born here.' },
    })),
  };
  app.get('/api/v1/services', async () => services);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`PORT ${new URL(address).port}`);
} else if (mode === 'layan') {
  // LAYAN_WORKERS > 1: the primary prepares the database and supervises workers that share the
  // port, as `layan start` does (server/src/lib/workers.ts).
  const env = { ...readEnv(), logLevel: 'silent' };
  if (!isWorker()) {
    const deps = await createDeps(env);
    await prepareDatabase(deps, { seedDemo: process.env.BENCH_SEED === '1', log: () => {} });
    if (env.workers > 1) {
      await deps.database.close();
      const supervised = superviseWorkers({
        count: env.workers,
        log: (line) => console.error(line),
        onReady: (port) => console.log(`PORT ${port}`),
      });
      process.once('SIGTERM', () => supervised.stop('SIGTERM'));
      process.exitCode = await supervised.done;
    } else {
      await listen(deps);
    }
  } else {
    await listen(await createDeps(env));
  }
} else {
  console.error('usage: serve.ts bare|layan');
  process.exit(2);
}

async function listen(deps: Awaited<ReturnType<typeof createDeps>>) {
  const app = await buildApp(deps, { web: false, logLevel: 'silent' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  if (!isWorker()) console.log(`PORT ${new URL(address).port}`);
  // Exit normally on the harness's SIGTERM, so flags such as --cpu-prof can write their output.
  process.once('SIGTERM', () => process.exit(0));
}
