import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.ts';
import { command as ikm } from './ikm.ts';
import { command as nik } from './nik.ts';
import { command as sla } from './sla.ts';
import { command as spbe } from './spbe.ts';
import type { Command } from '../command.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-domain-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function call(command: Command, args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`) };
  const code = await command.run(args, io);
  let json: unknown;
  try {
    json = stdout ? JSON.parse(stdout) : undefined;
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json };
}

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('layan nik', () => {
  it('prints the decoded NIK and exits 0 when valid', async () => {
    const { code, json } = await call(nik, ['3510014708900001', '--today', '2026-11-22']);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      valid: true,
      province: { code: '35', name: 'Jawa Timur' },
      regency: { code: '35.10', name: 'Kabupaten Banyuwangi' },
      district: { code: '35.10.01', name: 'Pesanggaran' },
      sex: 'P',
      birthDate: '1990-08-07',
      errors: [],
    });
  });

  it('exits 1 with coded errors when invalid, and takes several numbers', async () => {
    const { code, json } = await call(nik, ['3510014708900001', '3510011302900000', '--today', '2026-11-22']);
    expect(code).toBe(1);
    expect(json).toHaveLength(2);
    expect(json[1].errors.map((e: { code: string }) => e.code)).toEqual(['NIK_SERIAL']);
    expect(json[1].sex).toBe('L');
  });

  it('checks KK numbers with --kk', async () => {
    const { code, json } = await call(nik, ['--kk', '3510011503150003', '--today', '2026-11-22']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ valid: true, issueDate: '2015-03-15', structureVerified: false });
  });

  it('exits 2 on bad usage', async () => {
    expect((await call(nik, [])).code).toBe(2);
    expect((await call(nik, ['3510014708900001', '--today', 'kemarin'])).code).toBe(2);
    expect((await call(nik, ['--frobnicate'])).code).toBe(2);
  });
});

describe('layan sla', () => {
  it('prints dueDate, dueAt with offset, timeZone and skipped days', async () => {
    const { code, json } = await call(sla, ['--region', '35.10', '--from', '2026-11-20T10:00:00+07:00', '--days', '5']);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      dueDate: '2026-11-27',
      dueAt: '2026-11-27T23:59:59+07:00',
      timeZone: 'Asia/Jakarta',
      skipped: [
        { date: '2026-11-21', reason: 'weekend' },
        { date: '2026-11-22', reason: 'weekend' },
      ],
    });
  });

  it('uses the province zone of any region level, so WITA differs from WIB for one instant', async () => {
    const { json } = await call(sla, ['--region', '73.71.01', '--from', '2026-11-19T23:30:00+07:00', '--days', '1']);
    expect(json).toMatchObject({ timeZone: 'Asia/Makassar', startDate: '2026-11-20', dueAt: '2026-11-23T23:59:59+08:00' });
  });

  it('supports tenant days off, cuti bersama as working days, data as known on a date, and pauses', async () => {
    const from = ['--region', '35', '--from'];
    expect((await call(sla, [...from, '2026-12-16T10:00:00+07:00', '--days', '3', '--holiday', '2026-12-18'])).json.dueDate).toBe(
      '2026-12-22',
    );
    expect((await call(sla, [...from, '2026-03-17T10:00:00+07:00', '--days', '3', '--work-cuti-bersama'])).json.dueDate).toBe(
      '2026-03-23',
    );
    expect(
      (await call(sla, [...from, '2025-08-04T10:00:00+07:00', '--days', '10', '--known-on', '2025-08-04'])).json.dueDate,
    ).toBe('2025-08-18');
    expect((await call(sla, [...from, '2025-08-04T10:00:00+07:00', '--days', '10'])).json.dueDate).toBe('2025-08-19');
    const paused = await call(sla, [
      ...from,
      '2026-11-16T10:00:00+07:00',
      '--days',
      '5',
      '--pause',
      '2026-11-18T14:00:00+07:00/2026-11-23T09:00:00+07:00',
    ]);
    expect(paused.json.dueDate).toBe('2026-11-26');
    const open = await call(sla, [...from, '2026-11-16T10:00:00+07:00', '--days', '5', '--pause', '2026-11-18T14:00:00+07:00/']);
    expect(open.json).toMatchObject({ state: 'paused', dueDate: null, dueAt: null });
  });

  it('counts working days between two instants and supports hours', async () => {
    const between = await call(sla, [
      '--region',
      '35.10',
      '--from',
      '2026-11-20T10:00:00+07:00',
      '--to',
      '2026-11-27T23:59:59+07:00',
    ]);
    expect(between.json).toMatchObject({ workingDays: 5 });
    const hours = await call(sla, [
      '--region',
      '35.10',
      '--from',
      '2026-11-20T15:00:00+07:00',
      '--amount',
      '4',
      '--unit',
      'hours',
    ]);
    expect(hours.json.dueAt).toBe('2026-11-23T10:00:00+07:00');
  });

  it('exits 1 for an unknown province and 2 on bad usage', async () => {
    expect((await call(sla, ['--region', '99', '--from', '2026-11-20T10:00:00+07:00', '--days', '5'])).code).toBe(1);
    const bad = [
      ['--from', '2026-11-20T10:00:00+07:00', '--days', '5'],
      ['--region', '35.1', '--from', '2026-11-20T10:00:00+07:00', '--days', '5'],
      ['--region', '35', '--from', '2026-11-20T10:00:00', '--days', '5'],
      ['--region', '35', '--from', '2026-11-20T10:00:00+07:00', '--days', '-1'],
      ['--region', '35', '--from', '2026-11-20T10:00:00+07:00', '--days', '1.5'],
      ['--region', '35', '--from', '2026-11-20T10:00:00+07:00'],
      ['--region', '35', '--from', '2026-11-20T10:00:00+07:00', '--days', '5', '--holiday', '2026-02-30'],
      ['--region', '35', '--from', '2026-11-20T10:00:00+07:00', '--days', '5', '--pause', '2026-11-19T10:00:00+07:00/'],
    ];
    for (const args of bad) expect((await call(sla, args)).code, args.join(' ')).toBe(2);
  });
});

describe('layan ikm', () => {
  const header = 'unit,U1,U2,U3,U4,U5,U6,U7,U8,U9';

  it('computes IKM, mutu and kinerja for the file and per group; exits 0 when all rows are good', async () => {
    const file = write(
      'good.csv',
      [header, 'Disdukcapil,4,4,4,4,4,4,4,4,4', 'Disdukcapil,3,3,3,3,3,3,3,3,3', 'DPMPTSP,2,2,2,2,2,2,2,2,2', ''].join('\n'),
    );
    const { code, json } = await call(ikm, [file, '--group-by', 'unit']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ rows: 3, respondents: 3, ikm: 75, mutu: 'C', kinerja: 'Kurang Baik', badRows: [] });
    expect(json.groups).toEqual([
      expect.objectContaining({ group: { unit: 'Disdukcapil' }, ikm: 87.5, mutu: 'B', kinerja: 'Baik' }),
      expect.objectContaining({ group: { unit: 'DPMPTSP' }, ikm: 50, mutu: 'D', kinerja: 'Tidak Baik' }),
    ]);
  });

  it('reports bad rows with their line numbers, leaves them out, and exits 1', async () => {
    const file = write(
      'bad.csv',
      [
        'U9,U8,U7,U6,U5,U4,U3,U2,U1', // element order does not matter
        '4,4,4,4,4,4,4,4,4',
        '4,4,4,4,4,4,4,4,5',
        '',
        '4,4,4',
        ',,,,,,,,',
        '"4",4,4,4,4,4,4,4,',
        '3,3,3,3,3,3,3,3,x',
      ].join('\r\n'),
    );
    const { code, json } = await call(ikm, [file, '--weight', '0.111']);
    expect(code).toBe(1);
    expect(
      json.badRows.map((r: { line: number; errors: Array<{ code: string }> }) => [r.line, r.errors.map((e) => e.code)]),
    ).toEqual([
      [3, ['IKM_VALUE']],
      [5, ['IKM_ROW_COLUMNS']],
      [6, ['IKM_ROW_EMPTY']],
      [8, ['IKM_VALUE']],
    ]);
    expect(json.badRows[0].errors[0].message).toContain('U1');
    expect(json).toMatchObject({ rows: 6, respondents: 2, ikm: 99.9, weight: '0.111' });
  });

  it('reads semicolon CSV with a BOM and checks the sample size', async () => {
    const file = write('semicolon.csv', '\ufeffu1;u2;u3;u4;u5;u6;u7;u8;u9\n3;3;3;3;3;3;3;3;3\n');
    const { code, json } = await call(ikm, [file, '--population', '100']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ ikm: 75, sample: { required: 80, respondents: 1, sufficient: false } });
    expect(json.issues.map((i: { code: string }) => i.code)).toEqual(['IKM_SAMPLE_TOO_SMALL']);
  });

  it('exits 1 for a missing file or header columns, 2 on bad usage', async () => {
    expect((await call(ikm, [path.join(tmp, 'nope.csv')])).code).toBe(1);
    const noU9 = write('no-u9.csv', 'U1,U2,U3,U4,U5,U6,U7,U8\n1,1,1,1,1,1,1,1\n');
    const missing = await call(ikm, [noU9]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('U9');
    const good = write('ok.csv', `${header}\nA,1,1,1,1,1,1,1,1,1\n`);
    expect((await call(ikm, [])).code).toBe(2);
    expect((await call(ikm, [good, '--weight', '0.11'])).code).toBe(2);
    expect((await call(ikm, [good, '--group-by', 'layanan'])).code).toBe(2);
    expect((await call(ikm, [good, '--population', '-5'])).code).toBe(2);
  });
});

describe('layan spbe', () => {
  const levels = (level: number, count = 47) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), level]));

  it('prints index, predicate, breakdown and what-if', async () => {
    const file = write('levels.json', JSON.stringify({ ...levels(3), '42': 5 }));
    const { code, json } = await call(spbe, [file]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ valid: true, index: 3.06, predicate: 'Baik', framework: { id: 'spbe-2020', verified: false } });
    expect(json.domains).toHaveLength(4);
    expect(json.domains[3].aspects[1]).toMatchObject({ name: 'Layanan Publik Berbasis Elektronik', index: 3.33 });
    expect(json.whatIf).toHaveLength(5);
    expect(json.whatIf[0]).toMatchObject({ indicator: 43, gainPerLevel: 0.03 });
    expect(json.toNextPredicate.predicate).toBe('Sangat Baik');
  });

  it('names the indicator of a missing or out-of-range level and exits 1', async () => {
    const { ['12']: _missing, ...rest } = levels(3);
    const file = write('bad-levels.json', JSON.stringify({ ...rest, '30': 7 }));
    const { code, json } = await call(spbe, [file]);
    expect(code).toBe(1);
    expect(
      json.errors.map((e: { code: string; message: string }) => [
        e.code,
        e.message.includes(e.code === 'SPBE_LEVEL_RANGE' ? '30' : '12'),
      ]),
    ).toEqual([
      ['SPBE_LEVEL_MISSING', true],
      ['SPBE_LEVEL_RANGE', true],
    ]);
  });

  it('scores pemdi-2025 per aspect and rejects bad usage', async () => {
    const file = write('pemdi.json', JSON.stringify(levels(4, 9)));
    expect((await call(spbe, [file, '--framework', 'pemdi-2025'])).json).toMatchObject({ index: 4, predicate: 'Sangat Baik' });
    expect((await call(spbe, [file, '--framework', 'spbe-1999'])).code).toBe(2);
    expect((await call(spbe, [])).code).toBe(2);
    expect((await call(spbe, [write('not.json', '{')])).code).toBe(1);
    expect((await call(spbe, [write('array.json', '[3,3]')])).code).toBe(1);
  });
});
