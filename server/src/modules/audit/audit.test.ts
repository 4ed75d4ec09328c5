import fc from 'fast-check';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDeps, createTestDeps } from '../../../../test/db.ts';
import { runToEnd } from '../../../../test/process.ts';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import {
  auditHash,
  canonicalAuditFields,
  canonicalAuditPieces,
  canonicalJson,
  formatOccurredAt,
  toAuditJson,
  type AuditRecord,
} from './audit.chain.ts';
import {
  appendAudit,
  appendAuditInTx,
  findAuditHead,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditEntryInput,
} from './audit.service.ts';

let deps: Deps;
let db: Kysely<DB>;
beforeAll(async () => {
  deps = await createTestDeps();
  db = deps.database.db;
});
afterAll(() => closeDeps(deps));

function entry(n: number): AuditEntryInput {
  return {
    action: 'citizen.read',
    actor: { type: 'staff', id: `staff-${n}`, role: 'petugas' },
    tenantCode: '35.10',
    target: { type: 'citizen', id: `citizen-${n}` },
    ip: n % 2 ? '203.0.113.7' : '2001:db8::7',
    requestId: `req-${n}`,
    detail: { n, note: 'Desa Sukamaju — ✓ ü', nested: { z: 1, a: [1.5, 'x', null, true] } },
  };
}

/** Every row as stored, in chain order, read with the same columns verification reads. */
async function readLog(database: Kysely<DB> = db): Promise<AuditRecord[]> {
  const { rows } = await sql<AuditRecord>`
    SELECT seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
      tenant_code, actor_type, actor_id, actor_role, action, target_type, target_id, ip, request_id, detail, prev_hash, hash
    FROM audit_log ORDER BY seq`.execute(database);
  return rows;
}

/** What an attacker with owner rights does: switch the trigger off, change rows, switch it back on. */
async function tamper(fn: (trx: Transaction<DB>) => Promise<unknown>, database: Kysely<DB> = db): Promise<void> {
  await database.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
    await fn(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(trx);
  });
}

async function reinsert(trx: Transaction<DB>, row: AuditRecord): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({ ...row, detail: JSON.stringify(row.detail) })
    .execute();
}

async function appendMany(count: number, database: Kysely<DB> = db): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (let i = 0; i < count; i++) records.push(await appendAudit(database, entry(i)));
  return records;
}

describe('the canonical form', () => {
  it('is the documented JSON (sorted keys, no spaces, microseconds) hashed after prev_hash', () => {
    const fields = {
      seq: 1,
      id: '00000000-0000-4000-8000-000000000001',
      occurred_at: formatOccurredAt(new Date('2026-11-22T03:04:05.678Z')),
      tenant_code: '35.10',
      actor_type: 'staff' as const,
      actor_id: 'u1',
      actor_role: 'petugas',
      action: 'citizen.read',
      target_type: 'citizen',
      target_id: 'c1',
      ip: '203.0.113.7',
      request_id: 'r1',
      detail: { b: [2, { d: 1, c: 'é' }], a: 0.5 },
    };
    const text =
      '{"action":"citizen.read","actor_id":"u1","actor_role":"petugas","actor_type":"staff",' +
      '"detail":{"a":0.5,"b":[2,{"c":"é","d":1}]},"id":"00000000-0000-4000-8000-000000000001",' +
      '"ip":"203.0.113.7","occurred_at":"2026-11-22T03:04:05.678000Z","request_id":"r1","seq":1,' +
      '"target_id":"c1","target_type":"citizen","tenant_code":"35.10"}';
    expect(canonicalAuditFields(fields)).toBe(text);
    expect(auditHash(GENESIS_HASH, fields)).toBe(
      createHash('sha256')
        .update('0'.repeat(64) + text)
        .digest('hex'),
    );
  });

  it('splits into the pieces the database finishes, which reassemble to the same text for any entry', () => {
    const text = fc.string({ unit: 'binary' });
    const json = fc.jsonValue().map((v) => toAuditJson({ v }));
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          id: fc.uuid(),
          occurred_at: fc
            .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
            .map(formatOccurredAt),
          tenant_code: fc.option(text),
          actor_type: fc.constantFrom('staff' as const, 'citizen' as const, 'partner' as const, 'system' as const),
          actor_id: fc.option(text),
          actor_role: fc.option(text),
          action: text,
          target_type: fc.option(text),
          target_id: fc.option(text),
          ip: fc.option(text),
          request_id: fc.option(text),
          detail: json,
        }),
        ({ seq, occurred_at, ...content }) => {
          const [beforeOccurredAt, beforeSeq, afterSeq] = canonicalAuditPieces(content);
          const joined = beforeOccurredAt + JSON.stringify(occurred_at) + beforeSeq + String(seq) + afterSeq;
          expect(joined).toBe(canonicalAuditFields({ seq, occurred_at, ...content }));
        },
      ),
    );
  });

  it('normalises detail to what jsonb gives back and refuses what JSON cannot hold', () => {
    expect(toAuditJson({ at: new Date('2026-01-02T00:00:00Z'), gone: undefined, n: 1 })).toEqual({
      at: '2026-01-02T00:00:00.000Z',
      n: 1,
    });
    expect(() => toAuditJson({ x: Number.NaN })).toThrow(/number NaN/);
    expect(() => canonicalJson({ x: new Date() })).toThrow(/plain JSON/);
  });
});

describe('appending', () => {
  it('chains each entry to the one before and reads back byte for byte', async () => {
    const before = await findAuditHead(db);
    const [first, second] = await appendMany(2);
    expect(first!.seq).toBe((before?.seq ?? 0) + 1);
    expect(first!.prev_hash).toBe(before?.hash ?? GENESIS_HASH);
    expect(second!.prev_hash).toBe(first!.hash);
    const stored = (await readLog()).filter((r) => r.seq >= first!.seq);
    expect(stored).toEqual([first, second]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, lastSeq: second!.seq, lastHash: second!.hash });
  });

  it('hashes in the database exactly what the verifier recomputes, for any text and the clock it read', async () => {
    const record = await appendAudit(db, {
      action: 'citizen.read',
      actor: { type: 'staff', id: 'petugas-ñ', role: 'petugas_loket' },
      tenantCode: '35.10',
      target: { type: 'citizen', id: 'c-"kutip"\\garis' },
      ip: '2001:db8::7',
      requestId: 'req\ttab',
      detail: { nama: 'Désa Sukamaju 🙂', kosong: null, angka: [0.1, -2e-7, 1e21], '\u2028baris': { b: true, a: 'é' } },
    });
    // The database chose seq and occurred_at; the hash covers them as the JS rule writes them.
    expect(record.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(record.hash).toBe(auditHash(record.prev_hash, record));
    const stored = (await readLog()).find((r) => r.seq === record.seq);
    expect(stored).toEqual(record);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, lastSeq: record.seq });
  });

  it('keeps the chain linear and gap-free under 200 concurrent transactions', async () => {
    const before = (await findAuditHead(db))?.seq ?? 0;
    const records = await Promise.all(Array.from({ length: 200 }, (_, i) => appendAudit(db, entry(i))));
    const seqs = records.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => before + 1 + i));
    const log = (await readLog()).filter((r) => r.seq > before);
    for (let i = 1; i < log.length; i++) {
      expect(log[i]!.prev_hash).toBe(log[i - 1]!.hash);
      // Time is taken under the lock, so it never goes backwards along the chain.
      expect(log[i]!.occurred_at >= log[i - 1]!.occurred_at).toBe(true);
    }
    // A small page size makes verification cross many page boundaries.
    expect(await verifyAuditChain(db, { pageSize: 7 })).toMatchObject({ ok: true, checked: before + 200 });
  });

  it('leaves no entry and no gap when the transaction rolls back', async () => {
    await appendAudit(db, entry(0)); // so that there is a head to compare with
    const before = (await findAuditHead(db))!;
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAuditInTx(trx, entry(1));
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect(await findAuditHead(db)).toEqual(before);
    const next = await appendAudit(db, entry(2));
    expect(next.seq).toBe(before.seq + 1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('chains at commit: nothing is in the log before it, entries of one transaction keep their order, nothing stays pending', async () => {
    const before = (await findAuditHead(db))?.seq ?? 0;
    const ids: string[] = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) ids.push((await appendAuditInTx(trx, entry(i))).id);
      // Inside the transaction the entries wait in audit_pending; the chain has not moved.
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE seq > ${before}`.execute(trx);
      expect(rows[0]!.n).toBe(0);
    });
    const log = (await readLog()).filter((r) => r.seq > before);
    expect(log.map((r) => r.id)).toEqual(ids);
    expect(log.map((r) => r.seq)).toEqual([before + 1, before + 2, before + 3]);
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_pending`.execute(db);
    expect(pending.rows[0]!.n).toBe(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('lets the application role add pending entries but not read, change or remove them', async () => {
    const asApp = (statement: ReturnType<typeof sql>) =>
      db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE layan_app`.execute(trx);
        await statement.execute(trx);
      });
    await expect(asApp(sql`SELECT * FROM audit_pending`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`DELETE FROM audit_pending`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`UPDATE audit_pending SET action = 'x.y'`)).rejects.toThrow(/permission denied/);
    // An entry added as the application role is sealed by the trigger (which runs as the owner).
    const before = (await findAuditHead(db))?.seq ?? 0;
    let id = '';
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE layan_app`.execute(trx);
      id = (await appendAuditInTx(trx, entry(7))).id;
    });
    expect((await readLog()).find((r) => r.id === id)?.seq).toBe(before + 1);
  });

  it('fails the commit, and keeps nothing, when a sealed entry cannot be stored', async () => {
    const head = (await findAuditHead(db))!;
    const { id } = (await readLog()).at(-1)!;
    // A second entry with an id already in the log: the seal's insert breaks the unique id at commit.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`
          INSERT INTO audit_pending (id, actor_type, action, detail, before_occurred_at, before_seq, after_seq)
          VALUES (${id}, 'system', 'audit.probe', '{}', '{"occurred_at":', ',"seq":', '}')`.execute(trx);
      }),
    ).rejects.toThrow(/audit_log_id_key|duplicate key/);
    expect(await findAuditHead(db)).toEqual(head);
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_pending`.execute(db);
    expect(pending.rows[0]!.n).toBe(0);
  });

  it('refuses malformed entries before writing anything', async () => {
    const before = await findAuditHead(db);
    await expect(appendAudit(db, { ...entry(1), action: 'Read Citizen' })).rejects.toThrow(/must look like/);
    await expect(appendAudit(db, { ...entry(1), ip: 'not-an-ip' })).rejects.toThrow(/not an IP/);
    expect(await findAuditHead(db)).toEqual(before);
  });
});

describe('append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const count = (await readLog()).length;
    await expect(sql`UPDATE audit_log SET actor_id = 'x' WHERE seq = 1`.execute(db)).rejects.toThrow(/append-only: UPDATE/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db)).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await readLog()).length).toBe(count);
  });
});

describe('verification after tampering (each test restores the log)', () => {
  let victim: AuditRecord;
  beforeAll(async () => {
    await appendMany(5);
    const log = await readLog();
    victim = log[log.length - 3]!; // a middle entry, with entries after it
  });

  it('names an altered entry (hash_mismatch)', async () => {
    await tamper((trx) => sql`UPDATE audit_log SET detail = '{"n": 99}' WHERE seq = ${victim.seq}`.execute(trx));
    const result = await verifyAuditChain(db, { pageSize: 3 });
    expect(result).toMatchObject({ ok: false, checked: victim.seq - 1, lastSeq: victim.seq - 1 });
    expect(result.firstBroken).toMatchObject({ seq: victim.seq, id: victim.id, reason: 'hash_mismatch', found: victim.hash });
    await tamper((trx) =>
      sql`UPDATE audit_log SET detail = ${JSON.stringify(victim.detail)} WHERE seq = ${victim.seq}`.execute(trx),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('notices a change of one microsecond in occurred_at', async () => {
    const moved = sql`occurred_at + interval '1 microsecond'`;
    await tamper((trx) => sql`UPDATE audit_log SET occurred_at = ${moved} WHERE seq = ${victim.seq}`.execute(trx));
    expect((await verifyAuditChain(db)).firstBroken).toMatchObject({ seq: victim.seq, reason: 'hash_mismatch' });
    await tamper((trx) =>
      sql`UPDATE audit_log SET occurred_at = ${victim.occurred_at}::timestamptz WHERE seq = ${victim.seq}`.execute(trx),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('names the entry after a removed one (gap)', async () => {
    await tamper((trx) => sql`DELETE FROM audit_log WHERE seq = ${victim.seq}`.execute(trx));
    const result = await verifyAuditChain(db);
    expect(result.firstBroken).toMatchObject({
      seq: victim.seq + 1,
      reason: 'gap',
      expected: String(victim.seq),
      found: String(victim.seq + 1),
    });
    await tamper((trx) => reinsert(trx, victim));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('names the entry after one whose hash was rewritten to match (prev_hash_mismatch)', async () => {
    const altered = { ...victim, actor_id: 'someone-else' };
    const rehashed = auditHash(victim.prev_hash, altered);
    await tamper((trx) =>
      sql`UPDATE audit_log SET actor_id = ${altered.actor_id}, hash = ${rehashed} WHERE seq = ${victim.seq}`.execute(trx),
    );
    const result = await verifyAuditChain(db);
    expect(result.firstBroken).toMatchObject({
      seq: victim.seq + 1,
      reason: 'prev_hash_mismatch',
      expected: rehashed,
      found: victim.hash,
    });
    await tamper((trx) =>
      sql`UPDATE audit_log SET actor_id = ${victim.actor_id}, hash = ${victim.hash} WHERE seq = ${victim.seq}`.execute(trx),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('cannot see removal of the newest entry without an anchor, and can with one (truncated)', async () => {
    const head = (await readLog()).at(-1)!;
    await tamper((trx) => sql`DELETE FROM audit_log WHERE seq = ${head.seq}`.execute(trx));
    expect((await verifyAuditChain(db)).ok).toBe(true); // the limit docs/AUDIT.md states
    const anchored = await verifyAuditChain(db, { expectHead: { seq: head.seq, hash: head.hash } });
    expect(anchored.firstBroken).toEqual({ seq: head.seq, id: null, reason: 'truncated', expected: head.hash });
    await tamper((trx) => reinsert(trx, head));
    expect((await verifyAuditChain(db, { expectHead: { seq: head.seq, hash: head.hash } })).ok).toBe(true);
  });

  it('cannot see a chain rewritten from one entry to the head without an anchor, and can with one', async () => {
    const original = (await readLog()).filter((r) => r.seq >= victim.seq);
    const anchor = { seq: original.at(-1)!.seq, hash: original.at(-1)!.hash };
    let prevHash = victim.prev_hash;
    const forged = original.map((row, i) => {
      const fields = i === 0 ? { ...row, detail: { n: 'forged' } } : row;
      const hash = auditHash(prevHash, fields);
      const record = { ...fields, prev_hash: prevHash, hash };
      prevHash = hash;
      return record;
    });
    const rewrite = (rows: AuditRecord[]) =>
      tamper(async (trx) => {
        await sql`DELETE FROM audit_log WHERE seq >= ${victim.seq}`.execute(trx);
        for (const row of rows) await reinsert(trx, row);
      });
    await rewrite(forged);
    expect((await verifyAuditChain(db)).ok).toBe(true); // a keyless chain can be recomputed
    const anchored = await verifyAuditChain(db, { expectHead: anchor });
    expect(anchored.firstBroken).toMatchObject({ seq: anchor.seq, reason: 'anchor_mismatch', expected: anchor.hash });
    await rewrite(original);
    expect((await verifyAuditChain(db, { expectHead: anchor })).ok).toBe(true);
  });
});

// ---- `layan audit` as a real process ----

/** Runs `layan audit <args>` as its own process, through the real `layan` bin. */
function runAudit(args: string[], env: Record<string, string | undefined>) {
  return runToEnd(['audit', ...args], env);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface CliTarget {
  env: Record<string, string | undefined>;
  open(): Promise<{ db: Kysely<DB>; close(): Promise<void> }>;
  cleanup(): Promise<void>;
}

function pgliteTarget(): CliTarget {
  const dataDir = path.join(tmp, 'data');
  const env = { DATA_DIR: dataDir, DATABASE_URL: undefined };
  return {
    env,
    open: () => openDatabase({ dataDir, databaseUrl: undefined }),
    cleanup: async () => {},
  };
}

async function postgresTarget(): Promise<CliTarget> {
  const name = `layan_audit_cli_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ dataDir: '', databaseUrl: url.toString() }, { poolSize: 2 }),
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

const targets = process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(targets)('layan audit on %s', (kind) => {
  it('verifies a whole chain, prints its head, and names an altered entry', { timeout: 180_000 }, async () => {
    const target = kind === 'pglite' ? pgliteTarget() : await postgresTarget();
    try {
      if (kind === 'pglite') {
        const none = await runAudit(['verify'], target.env);
        expect(none.code, none.output).toBe(4);
        expect(none.output).toContain('no database in');
        expect(fs.existsSync(target.env.DATA_DIR!)).toBe(false); // verification created nothing
      }
      let database = await target.open();
      if (kind === 'postgres') {
        const unmigrated = await runAudit(['verify'], target.env);
        expect(unmigrated.code, unmigrated.output).toBe(4);
        expect(unmigrated.output).toContain('no audit_log table');
      }
      await migrate(database.db);
      const records = await appendMany(5, database.db);
      if (kind === 'pglite') {
        // A running server holds the directory: the command says so and exits 3.
        const locked = await runAudit(['verify'], target.env);
        expect(locked.code, locked.output).toBe(3);
      }
      await database.close();

      const whole = await runAudit(['verify'], target.env);
      expect(whole.code, whole.output).toBe(0);
      expect(whole.output).toContain(`whole. 5 entries verified; head 5:${records[4]!.hash}`);
      const head = await runAudit(['head', '--json'], target.env);
      expect(head.code, head.output).toBe(0);
      expect(JSON.parse(head.output)).toMatchObject({ seq: 5, anchor: `5:${records[4]!.hash}` });

      database = await target.open();
      await tamper((trx) => sql`UPDATE audit_log SET detail = '{"n": 99}' WHERE seq = 3`.execute(trx), database.db);
      await database.close();

      const broken = await runAudit(['verify'], target.env);
      expect(broken.code, broken.output).toBe(1);
      expect(broken.output).toContain(`BROKEN at entry seq 3 (id ${records[2]!.id}): hash_mismatch`);
      const json = await runAudit(['verify', '--json'], target.env);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.output)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'hash_mismatch' } });
      const anchored = await runAudit(['verify', '--expect-head', `7:${records[4]!.hash}`], target.env);
      expect(anchored.code).toBe(1); // still broken at seq 3, before the anchor is reached
    } finally {
      await target.cleanup();
    }
  });
});

describe('layan audit usage', () => {
  it('exits 2 on a bad subcommand or anchor, without opening a database', async () => {
    const env = { DATA_DIR: path.join(tmp, 'never'), DATABASE_URL: undefined };
    const sub = await runAudit(['frobnicate'], env);
    expect(sub.code).toBe(2);
    expect(sub.output).toContain('unknown subcommand "frobnicate"');
    const anchor = await runAudit(['verify', '--expect-head', '12:nothex'], env);
    expect(anchor.code).toBe(2);
    expect(anchor.output).toContain('expected <seq>:<64 hex digits>');
    expect(fs.existsSync(env.DATA_DIR)).toBe(false);
  });
});
