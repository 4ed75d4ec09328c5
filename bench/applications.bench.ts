// `npm run bench:applications` (needs DATABASE_URL: PostgreSQL): application submission
// (POST /api/v1/applications with submit: true and an Idempotency-Key) over HTTP at 50 concurrent
// connections, with a realistic form, without and with a 200 KB upload (POST /api/v1/uploads
// first); against a ceiling measured in the same run: the same SQL transaction(s) sent straight
// through `pg` at the same concurrency. Then a correctness run: 200 concurrent clients that retry
// at random (aborted requests, repeated and simultaneous duplicates) with Idempotency-Key; it
// counts lost and duplicated submissions. Prints Markdown for bench/RESULTS.md.
import { canonicalAuditPieces } from '../server/src/modules/audit/audit.chain.ts';
import { TEST_FORM } from '../server/src/modules/application/application.testing.ts';
import { generateTrackingCode } from '@layan/domain';
import autocannon from 'autocannon';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { CONNECTIONS, DURATION, startServer } from './harness.ts';

if (!process.env.DATABASE_URL) {
  console.error('bench:applications needs DATABASE_URL (PostgreSQL), e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(2);
}

const CITIZENS = 200;
const UPLOAD_BYTES = 200 * 1024;
const FORM_NO_FILE = { ...TEST_FORM, id: 'bench-tanpa-berkas', fields: TEST_FORM.fields.filter((f) => f.type !== 'file') };

function answers(uploadId?: string) {
  return {
    nama: 'Siti Aminah',
    tanggalLahir: '1990-08-07',
    keperluan: 'sekolah',
    telepon: '0812-3456-7890',
    alamat: 'Jl. Ahmad Yani 1, RT 002 RW 003, Kelurahan Penganjuran, Banyuwangi',
    ...(uploadId ? { ktp: [uploadId] } : {}),
    pernyataan: true,
  };
}

function pdf(seed: number): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% bench ${seed} ${randomUUID()}\n`, 'latin1');
  return Buffer.concat([head, randomBytes(UPLOAD_BYTES - head.length)]);
}

interface Row {
  label: string;
  /** The ceiling row this one is compared with (itself for a ceiling). */
  ceiling?: Row;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU milliseconds per submission: this process (load generator or pg client), the server, the rest (PostgreSQL, kernel). */
  cpu?: { bench: number; server: number; rest: number };
}

// CPU time (ms) of a process and its children (a server's workers) from /proc (Linux): utime +
// stime, in clock ticks of 10 ms.
function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return (Number(fields[11]) + Number(fields[12])) * 10 + children.reduce((sum, child) => sum + processCpuMs(Number(child)), 0);
  } catch {
    return 0; // gone, or not Linux
  }
}
// Busy CPU time (ms) of the whole machine from /proc/stat: everything but idle and iowait. The
// benchmark runs on an otherwise quiet machine, so what is not this process or the server is
// PostgreSQL and the kernel's work for all three.
function machineCpuMs(): number {
  try {
    const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = ticks as number[];
    return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
  } catch {
    return 0; // not Linux
  }
}
/** Runs `measure` and adds where the CPU went, per submission, to its row. */
async function withCpu(serverPid: number, measure: () => Promise<Row>): Promise<Row> {
  const before = { bench: process.cpuUsage(), server: processCpuMs(serverPid), machine: machineCpuMs() };
  const row = await measure();
  const bench = process.cpuUsage(before.bench);
  const submissions = row.rps * DURATION;
  const per = (ms: number) => ms / Math.max(1, submissions);
  const benchMs = (bench.user + bench.system) / 1000;
  const serverMs = processCpuMs(serverPid) - before.server;
  row.cpu = {
    bench: per(benchMs),
    server: per(serverMs),
    rest: per(machineCpuMs() - before.machine - benchMs - serverMs),
  };
  return row;
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

// --- database for the run -----------------------------------------------------------------
const name = `layan_bench_app_${process.pid}`;
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(process.env.DATABASE_URL);
url.pathname = `/${name}`;
const env = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), BENCH_SEED: '1' };
// Layan as one process (LAYAN_WORKERS=1, the default) and as one worker per core (LAYAN_WORKERS=auto,
// or BENCH_WORKERS), both on the same database; each is idle while the other is measured.
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());
const single = await startServer('layan', { ...env, LAYAN_WORKERS: '1' }); // migrates, loads regions, seeds 35.10
const servers = { single, workers: await startServer('layan', { ...env, LAYAN_WORKERS: String(WORKERS) }) };
const pool = new pg.Pool({ connectionString: url.toString(), max: 20 });
const rows: Row[] = [];
let correctness = '';

try {
  // --- fixtures: two services of a demo agency, citizens with sessions ------------------------
  const agency = (await pool.query(`SELECT id FROM agency WHERE tenant_code = '35.10' ORDER BY slug LIMIT 1`)).rows[0]
    .id as string;
  const service = async (slug: string, form: object) => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO service (tenant_code, id, slug, agency_id, name, current_version) VALUES ('35.10', $1, $2, $3, $4, 1)`,
      [id, slug, agency, `Bench ${slug}`],
    );
    await pool.query(
      `INSERT INTO service_version (tenant_code, service_id, version, status, standard, form_definition, change_note, approved_by_name, approved_at)
       VALUES ('35.10', $1, 1, 'published', $2, $3, 'bench', 'bench', now())`,
      [id, JSON.stringify({ serviceTime: { amount: 5, unit: 'working_days' } }), JSON.stringify(form)],
    );
    return id;
  };
  const serviceNoFile = await service('bench-tanpa-berkas', FORM_NO_FILE);
  const serviceWithFile = await service('bench-dengan-berkas', TEST_FORM);
  const cookies: string[] = [];
  const tokenHashes: string[] = [];
  const citizenIds: string[] = [];
  for (let i = 0; i < CITIZENS; i++) {
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    await pool.query(`INSERT INTO citizen (id, nik_hmac, nik_ciphertext, name, email) VALUES ($1, $2, 'v1.bench', $3, $4)`, [
      id,
      sha(`nik-${id}`),
      `Warga Bench ${i}`,
      `warga${i}@bench.test`,
    ]);
    await pool.query(
      `INSERT INTO citizen_session (citizen_id, token_hash, method, expires_at) VALUES ($1, $2, 'otp', now() + interval '1 day')`,
      [id, sha(token)],
    );
    cookies.push(`layan_citizen_session=${token}`);
    tokenHashes.push(sha(token));
    citizenIds.push(id);
  }
  const baseOf = (s: { port: number }) => `http://127.0.0.1:${s.port}`;
  let base = baseOf(servers.single);
  const headers = (i: number) => ({
    cookie: cookies[i % CITIZENS]!,
    'x-layan-csrf': '1',
    'content-type': 'application/json',
    'idempotency-key': randomUUID(),
  });

  // --- Layan over HTTP ------------------------------------------------------------------------
  const http = async (label: string, withUpload: boolean, seconds: number, target = servers.single): Promise<Row> => {
    const url = baseOf(target);
    let n = 0;
    const files = withUpload ? Array.from({ length: 64 }, (_, i) => pdf(i)) : [];
    const submit = (uploadId?: string) =>
      JSON.stringify({ serviceId: withUpload ? serviceWithFile : serviceNoFile, submit: true, answers: answers(uploadId) });
    const requests: autocannon.Request[] = withUpload
      ? [
          {
            method: 'POST',
            path: '/api/v1/uploads?name=ktp.pdf',
            setupRequest: (req, context) => {
              const i = n++;
              (context as { i: number }).i = i;
              return {
                ...req,
                headers: { cookie: cookies[i % CITIZENS]!, 'x-layan-csrf': '1', 'content-type': 'application/octet-stream' },
                body: files[i % files.length]!,
              };
            },
            onResponse: (_status, body, context) => {
              (context as { uploadId?: string }).uploadId = JSON.parse(body).id;
            },
          },
          {
            method: 'POST',
            path: '/api/v1/applications',
            setupRequest: (req, context) => ({
              ...req,
              headers: headers((context as { i: number }).i),
              body: submit((context as { uploadId?: string }).uploadId),
            }),
          },
        ]
      : [
          {
            method: 'POST',
            path: '/api/v1/applications',
            setupRequest: (req) => ({ ...req, headers: headers(n++), body: submit() }),
          },
        ];
    const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
    const perSubmission = withUpload ? 2 : 1;
    return {
      label,
      rps: result.requests.average / perSubmission,
      // Latency per HTTP request (the upload variant makes two per submission).
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
    };
  };

  // --- the same transactions straight through pg ---------------------------------------------
  const SCOPE = `SELECT set_config('role', 'layan_app', true), set_config('layan.region_scope', '', true), set_config('layan.actor_id', '', true),
                        set_config('layan.auth_email', '', true), set_config('layan.auth_token', '', true), set_config('layan.citizen_id', $1, true),
                        set_config('layan.auth_nik', '', true)`;
  // The audit entry as appendAuditInTx writes it: one row in audit_pending, which the deferred
  // trigger chains at COMMIT.
  const audit = async (
    client: pg.PoolClient,
    entry: { citizenId: string; action: string; targetType: string; targetId: string; detail: Record<string, unknown> },
  ) => {
    const content = {
      id: randomUUID(),
      tenant_code: '35.10',
      actor_type: 'citizen' as const,
      actor_id: entry.citizenId,
      actor_role: null,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      ip: '127.0.0.1',
      request_id: randomUUID(),
      detail: entry.detail,
    };
    await client.query(
      `INSERT INTO audit_pending (id, tenant_code, actor_type, actor_id, actor_role, action, target_type, target_id,
                                 ip, request_id, detail, before_occurred_at, before_seq, after_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        content.id,
        content.tenant_code,
        content.actor_type,
        content.actor_id,
        content.actor_role,
        content.action,
        content.target_type,
        content.target_id,
        content.ip,
        content.request_id,
        JSON.stringify(content.detail),
        ...canonicalAuditPieces(content),
      ],
    );
  };
  // Every signed-in request first resolves its session cookie: one statement, outside the transaction.
  const session = (client: pg.PoolClient, i: number) =>
    client.query(
      `SELECT id, citizen_id, method, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent FROM layan_citizen_session($1)`,
      [tokenHashes[i % CITIZENS]],
    );
  const submitTx = async (client: pg.PoolClient, citizenId: string, serviceId: string, uploadId?: string) => {
    const id = randomUUID();
    const key = randomUUID();
    const body = answers(uploadId);
    await client.query('BEGIN');
    await client.query(SCOPE, [citizenId]);
    await client.query(
      `INSERT INTO application_idempotency (owner_type, owner_id, key, request_hash) VALUES ('citizen', $1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [citizenId, key, sha(key)],
    );
    await client.query(
      `SELECT s.*, g.name AS agency_name, v.standard, v.form_definition, w.definition FROM service s JOIN agency g ON g.tenant_code = s.tenant_code AND g.id = s.agency_id
       LEFT JOIN service_version v ON v.tenant_code = s.tenant_code AND v.service_id = s.id AND v.version = s.current_version
       LEFT JOIN service_workflow w ON w.tenant_code = s.tenant_code AND w.service_id = s.id WHERE s.id = $1`,
      [serviceId],
    );
    // The draft and its submission return the row (RETURNING), which the receipt is built from.
    const columns = `tenant_code, id, tracking_code, service_id, service_version, agency_id, citizen_id, region_code, state, row_version,
      answers, channel, language, assisted_by, assisted_location_id, consent_method, consent_at, workflow, sla_amount, sla_unit, due_at,
      calendar_version, created_at, updated_at, submitted_at, closed_at, outcome, due_date::text AS due_date`;
    await client.query(
      `INSERT INTO application (tenant_code, id, service_id, service_version, agency_id, citizen_id, region_code, state, answers, channel,
         assisted_by, assisted_location_id, consent_method, consent_at, created_at, updated_at)
       VALUES ('35.10', $1, $2, 1, $3, $4, '35.10', 'draft', $5, 'online', NULL, NULL, NULL, NULL, now(), now()) RETURNING ${columns}`,
      [id, serviceId, agency, citizenId, JSON.stringify(body)],
    );
    if (uploadId) await client.query(`SELECT * FROM upload WHERE id = ANY($1::uuid[])`, [[uploadId]]);
    await client.query(
      `INSERT INTO service_usage (tenant_code, service_id, day, kind, count, slot) VALUES ('35.10', $1, current_date, 'application', 1, pg_backend_pid() % 16)
       ON CONFLICT (tenant_code, service_id, day, kind, slot) DO UPDATE SET count = service_usage.count + 1`,
      [serviceId],
    );
    await client.query(
      `UPDATE application SET state = 'diajukan', answers = $2, service_version = 1, tracking_code = $3, submitted_at = now(), workflow = NULL,
         sla_amount = 5, sla_unit = 'working_days', due_at = now() + interval '7 days', due_date = current_date + 7, calendar_version = 'bench',
         row_version = 2, updated_at = now()
       WHERE tenant_code = '35.10' AND id = $1 AND row_version = 1 RETURNING ${columns}`,
      [id, JSON.stringify(body), generateTrackingCode()],
    );
    if (uploadId)
      await client.query(
        `UPDATE upload SET tenant_code = '35.10', application_id = $2, attached_at = now() WHERE id = ANY($1::uuid[]) AND application_id IS NULL`,
        [[uploadId], id],
      );
    await client.query(
      `INSERT INTO application_event (tenant_code, application_id, seq, from_state, to_state, actor_type, actor_id, actor_role, note, output_upload_id, at)
       VALUES ('35.10', $1, 1, NULL, 'diajukan', 'citizen', $2, NULL, NULL, NULL, now())`,
      [id, citizenId],
    );
    await client.query(
      `INSERT INTO citizen_link (tenant_code, citizen_id, region_code, via) VALUES ('35.10', $1, '35.10', 'application') ON CONFLICT DO NOTHING`,
      [citizenId],
    );
    await client.query(`SELECT email, phone FROM citizen WHERE id = $1`, [citizenId]);
    await client.query(
      `SELECT layan_outbox_enqueue($1::uuid, '35.10', 'email', 'w@bench.test', 'application.submitted', 'id', $2::jsonb, $3)`,
      [
        randomUUID(),
        JSON.stringify({
          trackingCode: 'x',
          serviceName: 'Bench',
          agencyName: 'Bench',
          trackUrl: 'http://x',
          dueDate: '2026-12-01',
        }),
        `application:${id}:1:email`,
      ],
    );
    // The receipt reads back only the uploads (a new application has one history row and no documents).
    if (uploadId)
      await client.query(`SELECT * FROM upload WHERE tenant_code = '35.10' AND application_id = $1 ORDER BY created_at`, [id]);
    await client.query(`UPDATE application_idempotency SET status_code = 201, response = $3 WHERE owner_id = $1 AND key = $2`, [
      citizenId,
      key,
      JSON.stringify({ id, answers: body }),
    ]);
    await audit(client, {
      citizenId,
      action: 'application.submit',
      targetType: 'application',
      targetId: id,
      detail: { serviceId, serviceVersion: 1 },
    });
    await client.query('COMMIT');
  };
  const uploadTx = async (client: pg.PoolClient, citizenId: string, bytes: Buffer) => {
    const id = randomUUID();
    const hash = sha(bytes);
    await client.query('BEGIN');
    await client.query(SCOPE, [citizenId]);
    await client.query(
      `INSERT INTO upload (id, sha256, file_name, media_type, size, uploader_type, uploader_id) VALUES ($1, $2, 'ktp.pdf', 'application/pdf', $3, 'citizen', $4) RETURNING *`,
      [id, hash, bytes.length, citizenId],
    );
    await client.query(
      `INSERT INTO upload_blob (sha256, media_type, size, bytes) VALUES ($1, 'application/pdf', $2, $3) ON CONFLICT (sha256) DO NOTHING`,
      [hash, bytes.length, bytes],
    );
    await audit(client, {
      citizenId,
      action: 'upload.create',
      targetType: 'upload',
      targetId: id,
      detail: { sha256: hash, size: bytes.length },
    });
    await client.query('COMMIT');
    return id;
  };
  const direct = async (label: string, withUpload: boolean, seconds: number): Promise<Row> => {
    const files = withUpload ? Array.from({ length: 64 }, (_, i) => pdf(i)) : [];
    const latencies: number[] = [];
    let errors = 0;
    let n = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) {
          const i = n++;
          const started = performance.now();
          const client = await pool.connect();
          try {
            const citizenId = citizenIds[i % CITIZENS]!;
            if (withUpload) await session(client, i);
            const uploadId = withUpload ? await uploadTx(client, citizenId, files[i % files.length]!) : undefined;
            await session(client, i);
            await submitTx(client, citizenId, withUpload ? serviceWithFile : serviceNoFile, uploadId);
          } catch (error) {
            errors++;
            await client.query('ROLLBACK').catch(() => {});
            if (errors === 1) console.error(error);
          } finally {
            client.release();
          }
          latencies.push(performance.now() - started);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
    return { label, rps: latencies.length / seconds, p50: pick(0.5), p99: pick(0.99), errors };
  };

  // Warm-up, then each measured in turn: ceiling first, then Layan, per variant.
  await direct('warm-up', false, Math.min(5, DURATION));
  await http('warm-up', false, Math.min(5, DURATION));
  await http('warm-up', false, Math.min(5, DURATION), servers.workers);
  const singlePid = servers.single.child.pid!;
  const workersPid = servers.workers.child.pid!;
  for (const withUpload of [false, true]) {
    const variant = withUpload ? '200 KB upload' : 'no upload';
    const what = withUpload ? 'POST /uploads + POST /applications' : 'POST /applications';
    const ceiling = await withCpu(workersPid, () =>
      direct(
        `same SQL ${withUpload ? 'transactions' : 'transaction'} straight through pg (ceiling), ${variant}`,
        withUpload,
        DURATION,
      ),
    );
    rows.push(ceiling);
    const one = await withCpu(singlePid, () => http(`Layan ${what}, one process, ${variant}`, withUpload, DURATION));
    rows.push({ ...one, ceiling });
    const many = await withCpu(workersPid, () =>
      http(`Layan ${what}, ${WORKERS} worker processes, ${variant}`, withUpload, DURATION, servers.workers),
    );
    rows.push({ ...many, ceiling });
  }
  base = baseOf(servers.workers);

  // --- correctness: 200 clients retrying at random ------------------------------------------
  // A service of its own, so requests still in flight from the load runs cannot be counted here.
  const serviceRetry = await service('bench-ulang', FORM_NO_FILE);
  const PER_CLIENT = 5;
  const keys: Array<{ citizen: number; key: string; ok: boolean }> = [];
  let attempts = 0;
  let aborted = 0;
  await Promise.all(
    Array.from({ length: CITIZENS }, async (_, c) => {
      for (let s = 0; s < PER_CLIENT; s++) {
        const entry = { citizen: c, key: randomUUID(), ok: false };
        keys.push(entry);
        const body = JSON.stringify({ serviceId: serviceRetry, submit: true, answers: answers() });
        const send = async (abortAfterMs?: number) => {
          attempts++;
          const controller = new AbortController();
          const timer = abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
          try {
            const response = await fetch(`${base}/api/v1/applications`, {
              method: 'POST',
              headers: {
                cookie: cookies[c]!,
                'x-layan-csrf': '1',
                'content-type': 'application/json',
                'idempotency-key': entry.key,
              },
              body,
              signal: controller.signal,
            });
            await response.arrayBuffer();
            return response.status;
          } catch {
            aborted++;
            return 0;
          } finally {
            clearTimeout(timer);
          }
        };
        // First try: sometimes cut short (the client gave up: a lost response), sometimes sent twice at once (a double click).
        const roll = Math.random();
        const first = roll < 0.3 ? [send(Math.floor(Math.random() * 40))] : roll < 0.6 ? [send(), send()] : [send()];
        let statuses = await Promise.all(first);
        // Then retry, at random moments, until one answer is 201 (and sometimes once more after it).
        while (!statuses.includes(201)) {
          await new Promise((r) => setTimeout(r, Math.random() * 50));
          statuses = [await send()];
        }
        if (Math.random() < 0.2) await send();
        entry.ok = true;
      }
    }),
  );
  // Let requests the clients gave up on finish on the server before counting.
  await new Promise((r) => setTimeout(r, 3000));
  const created = Number(
    (await pool.query(`SELECT count(*) FROM application WHERE service_id = $1`, [serviceRetry])).rows[0].count,
  );
  const perKey = await pool.query(
    `SELECT k.key, count(a.id) AS n FROM application_idempotency k
       LEFT JOIN application a ON a.id = (k.response->>'id')::uuid
      WHERE k.key = ANY($1::text[]) GROUP BY k.key`,
    [keys.map((k) => k.key)],
  );
  const found = new Map(perKey.rows.map((r: { key: string; n: string }) => [r.key, Number(r.n)]));
  const lost = keys.filter((k) => (found.get(k.key) ?? 0) === 0).length;
  const duplicated = created - (keys.length - lost);
  correctness =
    `${CITIZENS} clients × ${PER_CLIENT} submissions = ${keys.length} keys; ${attempts} requests sent ` +
    `(${aborted} cut short by the client); applications created: ${created}; **lost: ${lost}; duplicated: ${duplicated}**`;
} finally {
  servers.single.child.kill('SIGTERM');
  servers.workers.child.kill('SIGTERM');
  await pool.end();
  await new Promise((r) => setTimeout(r, 500));
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

const version = await (async () => {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  const v = (await c.query('SHOW server_version')).rows[0].server_version as string;
  await c.end();
  return v;
})();
console.log(
  `\nPostgreSQL ${version}; ${CONNECTIONS} concurrent connections, ${DURATION} s per run after a warm-up; ${os.cpus().length} cores, Node ${process.version}\n`,
);
console.log('| run | submissions/s | p50 ms | p99 ms | errors | vs ceiling | CPU ms per submission: bench / server / rest |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ceiling = r.ceiling ?? r;
  const cpu = r.cpu ? [r.cpu.bench, r.cpu.server, r.cpu.rest].map((ms) => ms.toFixed(1)).join(' / ') : '';
  console.log(
    `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / ceiling.rps).toFixed(3)} | ${cpu} |`,
  );
}
console.log(`\nCorrectness under retries: ${correctness}`);
