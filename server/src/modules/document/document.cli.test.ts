import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDatabaseKind } from '../../../../test/db.ts';
import { runToEnd } from '../../../../test/process.ts';
import { openDatabase } from '../../db/database.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { makeTenants } from '../identity/identity.testing.ts';
import { revokeDocumentInTx } from './document.service.ts';
import { alterByte, issueSample } from './document.testing.ts';

// `layan verify` as its own process, through the real bin: offline with a saved keys file, and
// against the database (PGlite data directory or PostgreSQL) for revocation.

let t: TestApp;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-verify-'));
const file = (name: string) => path.join(tmp, name);
let payload = '';
// No database anywhere: proves --keys works offline.
const OFFLINE = { DATA_DIR: path.join(tmp, 'no-data'), DATABASE_URL: undefined };

beforeAll(async () => {
  t = await createTestApp();
  await makeTenants(t.deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  const valid = await issueSample(t.deps);
  const revoked = await issueSample(t.deps, { recipientName: 'Ahmad Fauzi', decision: 'rejected' });
  await withScope(t.deps.database.db, NATIONAL, (trx) =>
    revokeDocumentInTx(trx, {
      tenantCode: '35.10',
      documentId: revoked.documentId,
      reason: 'Salah nama penerima',
      audit: { actor: { type: 'system' } },
    }),
  );
  payload = valid.payload;
  fs.writeFileSync(file('valid.pdf'), valid.pdf);
  fs.writeFileSync(file('altered.pdf'), alterByte(valid.pdf, Math.floor(valid.pdf.length / 3)));
  fs.writeFileSync(file('revoked.pdf'), revoked.pdf);
  fs.writeFileSync(file('payload.txt'), `${valid.payload}\n`);
  const keys = await t.app.inject({ method: 'GET', url: '/api/v1/signing-keys' });
  fs.writeFileSync(file('keys.json'), keys.body);
  fs.writeFileSync(file('other-keys.json'), JSON.stringify({ algorithm: 'Ed25519', keys: [] }));
}, 120_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('layan verify --keys (offline)', () => {
  it(
    'says valid for the PDF, the payload file and the payload itself, and invalid for one altered byte',
    { timeout: 120_000 },
    async () => {
      const pdf = await runToEnd(['verify', file('valid.pdf'), '--keys', file('keys.json')], OFFLINE);
      expect(pdf.code, pdf.output).toBe(0);
      expect(pdf.output).toContain('VALID: the document is authentic and unaltered.');
      expect(pdf.output).toContain('recipient  Siti Rahayu');
      expect(pdf.output).toContain('revocation not checked');

      const fromFile = await runToEnd(['verify', file('payload.txt'), '--keys', file('keys.json'), '--json'], OFFLINE);
      expect(fromFile.code, fromFile.output).toBe(0);
      expect(JSON.parse(fromFile.output)).toMatchObject({
        valid: true,
        revocationChecked: false,
        document: { title: 'Kutipan Akta Kelahiran' },
      });
      const inline = await runToEnd(
        ['verify', `http://localhost:3000/verifikasi?d=${payload}`, '--keys', file('keys.json')],
        OFFLINE,
      );
      expect(inline.code, inline.output).toBe(0);

      const altered = await runToEnd(['verify', file('altered.pdf'), '--keys', file('keys.json')], OFFLINE);
      expect(altered.code, altered.output).toBe(1);
      expect(altered.output).toContain('INVALID: file_altered');
      const unknown = await runToEnd(['verify', file('valid.pdf'), '--keys', file('other-keys.json')], OFFLINE);
      expect(unknown.code).toBe(1);
      expect(unknown.output).toContain('INVALID: unknown_key');
      expect(fs.existsSync(OFFLINE.DATA_DIR)).toBe(false);
    },
  );

  it('explains its usage and refuses bad arguments', { timeout: 60_000 }, async () => {
    const help = await runToEnd(['verify', '--help'], OFFLINE);
    expect(help.code).toBe(0);
    expect(help.output).toContain('Usage: layan verify <file-or-payload>');
    expect((await runToEnd(['verify'], OFFLINE)).code).toBe(2);
    const missingKeys = await runToEnd(['verify', file('valid.pdf'), '--keys', file('none.json')], OFFLINE);
    expect(missingKeys.code).toBe(4);
    expect(missingKeys.output).toContain('cannot read --keys');
    const noDatabase = await runToEnd(['verify', file('valid.pdf')], OFFLINE);
    expect(noDatabase.code).toBe(4);
    expect(noDatabase.output).toContain('no database in');
  });
});

describe(`layan verify against the database (${testDatabaseKind})`, () => {
  it('reads the keys and the revocation register', { timeout: 180_000 }, async () => {
    let env: Record<string, string | undefined>;
    if (t.deps.database.kind === 'pglite') {
      // The test database lives in memory: copy it to a data directory the command can open.
      const dataDir = file('data');
      const copy = await openDatabase({ dataDir, databaseUrl: undefined }, { loadDataDir: await t.deps.database.dump!() });
      await copy.close();
      env = { DATA_DIR: dataDir, DATABASE_URL: undefined };
    } else {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = new URL(t.deps.database.location).pathname;
      env = { DATABASE_URL: url.toString() };
    }
    const valid = await runToEnd(['verify', file('valid.pdf')], env);
    expect(valid.code, valid.output).toBe(0);
    expect(valid.output).toContain('Pemerintah Kabupaten Banyuwangi (35.10)');
    expect(valid.output).not.toContain('revocation not checked');
    const revoked = await runToEnd(['verify', file('revoked.pdf'), '--json'], env);
    expect(revoked.code, revoked.output).toBe(5);
    expect(JSON.parse(revoked.output)).toMatchObject({
      valid: true,
      revoked: true,
      document: { recipientName: 'Ahmad Fauzi', decision: 'rejected' },
    });
    const altered = await runToEnd(['verify', file('altered.pdf')], env);
    expect(altered.code, altered.output).toBe(1);
  });
});
