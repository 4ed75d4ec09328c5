import { describe, expect, it } from 'vitest';
import { AKTA_KELAHIRAN_FORM } from './data/forms-adminduk.ts';
import { moveFormField, newFormField, uniqueFieldKey } from './form-builder.ts';
import { validateFormDefinition } from './form-definition.ts';
import { answersFromEntries } from './form-entries.ts';
import { validateFormAnswers } from './form-validate.ts';
import { FIELD_TYPES, type FormDefinition } from './form.ts';

const today = '2026-11-22';
const emptyFile = { name: '', type: 'application/octet-stream', size: 0 };

describe('answersFromEntries', () => {
  it('reads a posted Akta Kelahiran form back into answers that validateFormAnswers accepts', () => {
    const entries: Array<[string, string | { name: string; type: string; size: number }]> = [
      ['namaAnak', '  Putri Ayu '],
      ['jenisKelamin', 'P'],
      ['tanggalLahir', '2026-11-01'],
      ['tempatLahir', '35.10'],
      ['tempatPersalinan', 'rumah'],
      ['anakKe', ''],
      ['beratLahir', '3.200'],
      ['nikIbu', '3510014708900001'],
      ['namaIbu', 'Siti'],
      ['statusPerkawinan', 'belum'],
      ['sptjmKelahiran', { name: 'sptjm.pdf', type: 'application/pdf', size: 120_000 }],
      ['suratKeteranganLahir', emptyFile],
      ['kartuKeluarga', { name: 'kk.jpg', type: 'image/jpeg', size: 300_000 }],
      ['saksi[0].nama', 'Budi'],
      ['saksi[0].nik', '3510010101800001'],
      // The spare, blank row a page offers is no item.
      ['saksi[1].nama', ''],
      ['saksi[1].nik', ''],
      ['telepon', '0812-3456-7890'],
      ['email', ''],
      ['pernyataan', 'true'],
    ];
    const answers = answersFromEntries(AKTA_KELAHIRAN_FORM, entries);
    expect(answers).toMatchObject({
      namaAnak: '  Putri Ayu ',
      beratLahir: '3.200',
      saksi: [{ nama: 'Budi', nik: '3510010101800001' }],
      sptjmKelahiran: [{ name: 'sptjm.pdf', mimeType: 'application/pdf', size: 120_000 }],
    });
    expect(answers).not.toHaveProperty('anakKe');
    expect(answers).not.toHaveProperty('suratKeteranganLahir');
    expect(answers).not.toHaveProperty('email');
    const result = validateFormAnswers(AKTA_KELAHIRAN_FORM, answers, { today });
    expect(result.issues).toEqual([]);
    expect(result.values).toMatchObject({ namaAnak: 'Putri Ayu', beratLahir: 3200, telepon: '+6281234567890' });
  });

  it('reads addresses, multiple choices and unticked declarations', () => {
    const form: FormDefinition = {
      id: 'uji',
      version: 1,
      title: { id: 'Uji' },
      fields: [
        { key: 'alamat', type: 'address', label: { id: 'Alamat' }, required: true },
        {
          key: 'minat',
          type: 'choice',
          multiple: true,
          label: { id: 'Minat' },
          options: ['a', 'b', 'c'].map((value) => ({ value, label: { id: value } })),
        },
        { key: 'setuju', type: 'declaration', label: { id: 'Setuju' }, statement: { id: 'Saya setuju.' } },
      ],
    };
    const answers = answersFromEntries(form, [
      ['alamat.street', 'Jl. Mawar 1'],
      ['alamat.rt', '3'],
      ['alamat.rw', ''],
      ['alamat.region', '35.10.15.2004'],
      ['minat', 'a'],
      ['minat', 'c'],
    ]);
    expect(answers).toEqual({ alamat: { street: 'Jl. Mawar 1', rt: '3', region: '35.10.15.2004' }, minat: ['a', 'c'] });
    const result = validateFormAnswers(form, answers, { today });
    expect(result.issues.map((i) => `${i.code}@${i.path}`)).toEqual(['FORM_ANSWER_REQUIRED@setuju']);
    expect(result.values.alamat).toEqual({ street: 'Jl. Mawar 1', rt: '003', region: '35.10.15.2004' });
  });
});

describe('form builder edits', () => {
  it('starts every field type with settings the definition check accepts', () => {
    const fields = FIELD_TYPES.reduce<FormDefinition['fields']>((list, type) => [...list, newFormField(type, list)], []);
    expect(new Set(fields.map((f) => f.key)).size).toBe(FIELD_TYPES.length);
    const checked = validateFormDefinition({ id: 'baru', version: 1, title: { id: 'Baru' }, fields });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
  });

  it('picks a free key and moves a field within the list', () => {
    expect(uniqueFieldKey([{ key: 'text' }, { key: 'text2' }], 'text')).toBe('text3');
    expect(uniqueFieldKey([{ key: 'nik' }], 'text')).toBe('text');
    expect(moveFormField(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveFormField(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveFormField(['a', 'b', 'c'], 0, 5)).toEqual(['b', 'c', 'a']);
    expect(moveFormField(['a'], 3, 1)).toEqual(['a']);
  });
});
