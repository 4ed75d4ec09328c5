import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegionLookup } from '../nik.ts';
import { AKTA_KELAHIRAN_FORM, KARTU_KELUARGA_FORM } from './data/forms-adminduk.ts';
import { NIB_FORM } from './data/forms-lainnya.ts';
import { validateFormDefinition } from './form-definition.ts';
import { summarizeAnswers } from './form-summary.ts';
import { normalizeIndonesianMobile, validateFormAnswers, visibleFieldPaths } from './form-validate.ts';
import type { FormDefinition, FormField } from './form.ts';

const today = '2026-11-22';
const label = { id: 'Isian', en: 'Field' };
const def = (fields: unknown[]): unknown => ({ id: 'uji', version: 1, title: { id: 'Uji' }, fields });
const defCodes = (fields: unknown[]) => {
  const r = validateFormDefinition(def(fields));
  return r.ok ? [] : r.issues.map((i) => `${i.code}@${i.path}`);
};
const choice = (key: string, values: string[]) => ({
  key,
  type: 'choice',
  label,
  options: values.map((value) => ({ value, label: { id: value } })),
});

describe('validateFormDefinition', () => {
  it('rejects each broken definition with the field path', () => {
    expect(
      defCodes([
        { key: 'a', type: 'text', label },
        { key: 'a', type: 'text', label },
      ]),
    ).toEqual(['FORM_KEY_DUPLICATE@a']);
    expect(defCodes([{ key: 'a', type: 'text', label, visibleWhen: { field: 'nope', notEmpty: true } }])).toEqual([
      'FORM_CONDITION_FIELD_MISSING@a.visibleWhen.field',
    ]);
    expect(
      defCodes([
        { key: 'a', type: 'text', label, visibleWhen: { field: 'b', notEmpty: true } },
        { key: 'b', type: 'text', label },
      ]),
    ).toEqual(['FORM_CONDITION_FORWARD@a.visibleWhen.field']);
    expect(defCodes([{ key: 'a', type: 'text', label, visibleWhen: { field: 'a', notEmpty: true } }])).toEqual([
      'FORM_CONDITION_FORWARD@a.visibleWhen.field',
    ]);
    expect(defCodes([{ key: 'c', type: 'choice', label, options: [] }])).toEqual(['FORM_CHOICE_OPTIONS_MISSING@c.options']);
    expect(defCodes([{ key: 'f', type: 'file', label }])).toEqual([
      'FORM_FILE_TYPES_MISSING@f.accept',
      'FORM_FILE_SIZE_MISSING@f.maxBytes',
    ]);
    expect(defCodes([{ key: 'x', type: 'signature', label }])).toEqual(['FORM_FIELD_TYPE_UNKNOWN@x.type']);
    expect(defCodes([{ key: 't', type: 'text', label, minLength: 10, maxLength: 2 }])).toEqual([
      'FORM_RANGE_INVALID@t.minLength',
    ]);
    expect(defCodes([{ key: 'n', type: 'number', label, min: 5, max: 1 }])).toEqual(['FORM_RANGE_INVALID@n.min']);
    expect(defCodes([{ key: 't', type: 'text', label, pattern: '(' }])).toEqual(['FORM_PATTERN_INVALID@t.pattern']);
    expect(defCodes([{ key: 'r', type: 'region', label, level: 'kecamatan', within: '35.10.01' }])).toEqual([
      'FORM_REGION_WITHIN_INVALID@r.within',
    ]);
    expect(defCodes([{ key: 'd', type: 'declaration', label }])).toEqual(['FORM_DECLARATION_STATEMENT_MISSING@d.statement']);
    expect(defCodes([choice('c', ['a']), { key: 't', type: 'text', label, visibleWhen: { field: 'c', equals: 'b' } }])).toEqual([
      'FORM_CONDITION_VALUE_UNKNOWN@t.visibleWhen',
    ]);
  });

  it('resolves group conditions to earlier siblings or earlier outer fields only', () => {
    const group = (fields: unknown[]) => ({ key: 'g', type: 'group', label, fields });
    expect(
      defCodes([choice('c', ['a']), group([{ key: 'x', type: 'text', label, visibleWhen: { field: 'c', equals: 'a' } }])]),
    ).toEqual([]);
    expect(
      defCodes([
        group([
          { key: 'x', type: 'text', label, visibleWhen: { field: 'y', notEmpty: true } },
          { key: 'y', type: 'text', label },
        ]),
      ]),
    ).toEqual(['FORM_CONDITION_FORWARD@g.x.visibleWhen.field']);
    expect(
      defCodes([
        group([{ key: 'x', type: 'text', label }]),
        { key: 'z', type: 'text', label, visibleWhen: { field: 'x', notEmpty: true } },
      ]),
    ).toEqual(['FORM_CONDITION_FIELD_MISSING@z.visibleWhen.field']);
    expect(defCodes([{ key: 'g', type: 'group', label, fields: [] }])).toEqual(['FORM_GROUP_EMPTY@g.fields']);
  });
});

const regions = createRegionLookup({
  provinces: [{ code: '35', name: 'Jawa Timur' }],
  regencies: [{ code: '35.10', name: 'Kabupaten Banyuwangi' }],
  districts: [{ code: '35.10.01', name: 'Pesanggaran' }],
});
const file = (name: string) => ({ name, mimeType: 'application/pdf', size: 100_000 });
const birth = {
  namaAnak: '  Putri Ayu ',
  jenisKelamin: 'P',
  tanggalLahir: '2026-11-01',
  tempatLahir: '35.10',
  tempatPersalinan: 'bidan',
  nikIbu: '3510014708900001',
  namaIbu: 'Siti',
  statusPerkawinan: 'belum',
  nikAyah: 'bukan nik',
  suratKeteranganLahir: [file('skl.pdf')],
  kartuKeluarga: file('kk.pdf'),
  telepon: '0812-3456-7890',
  pernyataan: true,
};

describe('validateFormAnswers', () => {
  it('accepts a valid birth registration, normalises values and ignores hidden fields', () => {
    const result = validateFormAnswers(AKTA_KELAHIRAN_FORM, birth, { today, regions: { nik: regions } });
    expect(result.issues).toEqual([]);
    expect(result.values).toMatchObject({ namaAnak: 'Putri Ayu', telepon: '+6281234567890', kartuKeluarga: [file('kk.pdf')] });
    expect(result.values).not.toHaveProperty('nikAyah');
  });

  it('reports each broken answer with its path and both languages', () => {
    const result = validateFormAnswers(
      AKTA_KELAHIRAN_FORM,
      {
        ...birth,
        tanggalLahir: '2026-12-01',
        telepon: '021-555',
        pernyataan: false,
        nikIbu: '3510994708900001',
        statusPerkawinan: 'tercatat',
      },
      { today, regions: { nik: regions } },
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => `${i.code}@${i.path}`)).toEqual([
      'FORM_ANSWER_DATE_FUTURE@tanggalLahir',
      'NIK_DISTRICT_UNKNOWN@nikIbu',
      'NIK_FORMAT@nikAyah',
      'FORM_ANSWER_REQUIRED@namaAyah',
      'FORM_ANSWER_REQUIRED@bukuNikah',
      'FORM_ANSWER_PHONE@telepon',
      'FORM_ANSWER_REQUIRED@pernyataan',
    ]);
    expect(result.issues[0]!.message).toContain('Tanggal lahir');
    expect(result.issues[0]!.messageEn).toContain('Date of birth');
  });

  it('checks groups item by item, files, regions and patterns', () => {
    const kk = validateFormAnswers(
      KARTU_KELUARGA_FORM,
      {
        alasan: 'pisah',
        nikKepala: '3510014708900001',
        namaKepala: 'Budi',
        alamat: { street: 'Jl. Ahmad Yani 1', rt: '1', rw: '02', region: '35.10.01' },
        anggota: [
          { nik: '3510014708900001', nama: 'Ani', hubungan: 'anak' },
          { nik: '123', nama: '', hubungan: 'cucu' },
        ],
        kkLama: { name: 'kk.exe', mimeType: 'application/x-msdownload', size: 10 },
        telepon: '+62 812 3456 7890',
        pernyataan: true,
      },
      { today },
    );
    expect(kk.issues.map((i) => `${i.code}@${i.path}`)).toEqual([
      'FORM_ANSWER_REGION_LEVEL@alamat',
      'NIK_LENGTH@anggota[1].nik',
      'FORM_ANSWER_REQUIRED@anggota[1].nama',
      'FORM_ANSWER_OPTION@anggota[1].hubungan',
      'FORM_ANSWER_FILE_TYPE@kkLama',
    ]);
    const nib = validateFormAnswers(NIB_FORM, { kbli: '4711', skala: 'mikro', modal: '1.500.000' }, { today });
    expect(nib.issues.find((i) => i.path === 'kbli')?.message).toContain('5 angka');
    expect(nib.values.modal).toBe(1_500_000);
    expect(nib.issues.some((i) => i.path === 'npwp')).toBe(false);
  });

  it('normalises Indonesian mobile numbers to E.164', () => {
    expect(normalizeIndonesianMobile('0812 3456 789')).toBe('+628123456789');
    expect(normalizeIndonesianMobile('6281234567890')).toBe('+6281234567890');
    expect(normalizeIndonesianMobile('(0333) 123456')).toBeUndefined();
    expect(normalizeIndonesianMobile('08123')).toBeUndefined();
  });
});

describe('summarizeAnswers', () => {
  it('lists visible answers in order with Indonesian dates, Rupiah and option labels', () => {
    const values = validateFormAnswers(AKTA_KELAHIRAN_FORM, birth, { today, regions: { nik: regions } }).values;
    const rows = summarizeAnswers(AKTA_KELAHIRAN_FORM, values, {
      lang: 'id',
      regionName: (c) => (c === '35.10' ? 'Kabupaten Banyuwangi' : undefined),
    });
    expect(rows.slice(0, 4)).toEqual([
      { path: 'namaAnak', label: 'Nama lengkap anak', value: 'Putri Ayu' },
      { path: 'jenisKelamin', label: 'Jenis kelamin', value: 'Perempuan' },
      { path: 'tanggalLahir', label: 'Tanggal lahir', value: '1 November 2026' },
      { path: 'tempatLahir', label: 'Tempat lahir (kabupaten/kota)', value: 'Kabupaten Banyuwangi' },
    ]);
    expect(rows.at(-1)).toEqual({ path: 'pernyataan', label: 'Pernyataan', value: 'Ya, disetujui' });
    const nib = summarizeAnswers(NIB_FORM, { modal: 1_500_000, skala: 'mikro' }, { lang: 'en' });
    expect(nib).toEqual([
      { path: 'skala', label: 'Business size', value: 'Micro' },
      { path: 'modal', label: 'Capital (Rupiah)', value: 'Rp1.500.000' },
    ]);
    const kk = summarizeAnswers(KARTU_KELUARGA_FORM, { anggota: [{ nama: 'Ani' }, { nama: 'Bayu' }] }, { lang: 'id' });
    expect(kk.map((r) => r.label)).toEqual(['Anggota 1 — Nama', 'Anggota 2 — Nama']);
  });
});

// Property tests over generated flat definitions: text, number, choice, date and declaration
// fields, each optionally conditional on an earlier choice field.
type Spec = { kind: 'text' | 'number' | 'choice' | 'date' | 'declaration'; required: boolean; cond: number | null; pick: number };
const specArb = fc.array(
  fc.record({
    kind: fc.constantFrom('text', 'number', 'choice', 'date', 'declaration') as fc.Arbitrary<Spec['kind']>,
    required: fc.boolean(),
    cond: fc.option(fc.nat(20), { nil: null }),
    pick: fc.nat(2),
  }),
  { minLength: 1, maxLength: 8 },
);

function buildDefinition(specs: Spec[]): FormDefinition {
  const fields: FormField[] = specs.map((spec, i) => {
    const key = `f${i}`;
    const earlierChoices = specs.slice(0, i).flatMap((s, j) => (s.kind === 'choice' ? [j] : []));
    const target =
      spec.cond !== null && earlierChoices.length > 0 ? earlierChoices[spec.cond % earlierChoices.length] : undefined;
    const base = {
      key,
      label: { id: `Isian ${i}` },
      required: spec.required,
      ...(target !== undefined ? { visibleWhen: { field: `f${target}`, equals: `o${spec.pick}` } } : {}),
    };
    switch (spec.kind) {
      case 'text':
        return { ...base, type: 'text', minLength: 1, maxLength: 20 };
      case 'number':
        return { ...base, type: 'number', min: 0, max: 100, integer: true };
      case 'choice':
        return { ...base, type: 'choice', options: ['o0', 'o1', 'o2'].map((value) => ({ value, label: { id: value } })) };
      case 'date':
        return { ...base, type: 'date', notInFuture: true };
      case 'declaration':
        return { ...base, type: 'declaration', statement: { id: 'Benar' } };
    }
  });
  return { id: 'prop', version: 1, title: { id: 'Prop' }, fields };
}

const validValue = (field: FormField, seed: number): unknown => {
  switch (field.type) {
    case 'text':
      return `isi ${seed}`;
    case 'number':
      return seed % 101;
    case 'choice':
      return `o${seed % 3}`;
    case 'date':
      return '2001-02-03';
    default:
      return true;
  }
};
const garbage = {
  text: 12345678901234567890n.toString().repeat(3),
  number: 'banyak',
  choice: 'zzz',
  date: '2099-99-99',
  declaration: 'ya',
};

describe('form answers properties', () => {
  const scenario = fc.tuple(specArb, fc.array(fc.nat(1000), { minLength: 8, maxLength: 8 }));

  it('accepts any generated answers that satisfy the rules', () => {
    fc.assert(
      fc.property(scenario, ([specs, seeds]) => {
        const definition = buildDefinition(specs);
        expect(validateFormDefinition(definition).ok).toBe(true);
        const answers = Object.fromEntries(definition.fields.map((f, i) => [f.key, validValue(f, seeds[i] ?? 0)]));
        expect(validateFormAnswers(definition, answers, { today }).issues).toEqual([]);
      }),
    );
  });

  it('reports a missing required visible field by its key', () => {
    fc.assert(
      fc.property(scenario, fc.nat(7), ([specs, seeds], which) => {
        const definition = buildDefinition(specs);
        const answers: Record<string, unknown> = Object.fromEntries(
          definition.fields.map((f, i) => [f.key, validValue(f, seeds[i] ?? 0)]),
        );
        const visible = new Set(visibleFieldPaths(definition, validateFormAnswers(definition, answers, { today }).values));
        const candidates = definition.fields.filter((f) => (f.required || f.type === 'declaration') && visible.has(f.key));
        fc.pre(candidates.length > 0);
        const removed = candidates[which % candidates.length]!;
        delete answers[removed.key];
        const { issues } = validateFormAnswers(definition, answers, { today });
        expect(issues.map((i) => i.path)).toContain(removed.key);
      }),
    );
  });

  it('never reports hidden fields, whatever they contain', () => {
    fc.assert(
      fc.property(scenario, ([specs, seeds]) => {
        const definition = buildDefinition(specs);
        const answers: Record<string, unknown> = Object.fromEntries(
          definition.fields.map((f, i) => [f.key, validValue(f, seeds[i] ?? 0)]),
        );
        const visible = new Set(visibleFieldPaths(definition, validateFormAnswers(definition, answers, { today }).values));
        for (const field of definition.fields)
          if (!visible.has(field.key)) answers[field.key] = garbage[field.type as keyof typeof garbage];
        const result = validateFormAnswers(definition, answers, { today });
        expect(result.issues.filter((i) => !visible.has(i.path))).toEqual([]);
        for (const field of definition.fields) if (!visible.has(field.key)) expect(result.values).not.toHaveProperty(field.key);
      }),
    );
  });
});
