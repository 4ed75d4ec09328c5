/**
 * Small edits an admin makes to a form definition in the form builder: a new field of any type
 * with sensible settings to start from, a key that is not taken yet, moving a field. The result
 * is checked by validateFormDefinition before it is saved.
 */
import type { Bilingual } from './issues.ts';
import type { FieldType, FormField } from './form.ts';

const TYPE_LABELS: Readonly<Record<FieldType, Bilingual>> = {
  text: { id: 'Isian teks', en: 'Text' },
  textarea: { id: 'Isian teks panjang', en: 'Long text' },
  number: { id: 'Angka', en: 'Number' },
  date: { id: 'Tanggal', en: 'Date' },
  choice: { id: 'Pilihan', en: 'Choice' },
  nik: { id: 'NIK', en: 'NIK' },
  phone: { id: 'Nomor HP', en: 'Mobile number' },
  email: { id: 'Email', en: 'E-mail' },
  region: { id: 'Wilayah', en: 'Region' },
  address: { id: 'Alamat', en: 'Address' },
  file: { id: 'Unggah berkas', en: 'File upload' },
  group: { id: 'Kelompok isian berulang', en: 'Repeated group' },
  declaration: { id: 'Pernyataan', en: 'Declaration' },
};

/** The name of a field type, for the builder's type menu. */
export function fieldTypeLabel(type: FieldType): Bilingual {
  return TYPE_LABELS[type];
}

/** `base`, or `base2`, `base3`, … — the first not used by `fields`. */
export function uniqueFieldKey(fields: readonly Pick<FormField, 'key'>[], base: string): string {
  const taken = new Set(fields.map((f) => f.key));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** A new field of `type` with settings that pass validateFormDefinition, keyed uniquely among `siblings`. */
export function newFormField(type: FieldType, siblings: readonly Pick<FormField, 'key'>[]): FormField {
  const key = uniqueFieldKey(siblings, type === 'group' ? 'kelompok' : type === 'textarea' ? 'keterangan' : type);
  const label = TYPE_LABELS[type];
  switch (type) {
    case 'choice':
      return {
        key,
        type,
        label,
        options: [
          { value: 'ya', label: { id: 'Ya', en: 'Yes' } },
          { value: 'tidak', label: { id: 'Tidak', en: 'No' } },
        ],
      };
    case 'region':
      return { key, type, label, level: 'desa_kelurahan' };
    case 'file':
      return { key, type, label, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 2 * 1024 * 1024 };
    case 'group':
      return { key, type, label, fields: [{ key: 'nama', type: 'text', label: { id: 'Nama', en: 'Name' } }] };
    case 'declaration':
      return {
        key,
        type,
        label,
        statement: {
          id: 'Saya menyatakan data yang saya isi benar.',
          en: 'I declare that the information I gave is true.',
        },
      };
    default:
      return { key, type, label } as FormField;
  }
}

/** A copy of `fields` with the field at `index` moved by `delta` places (clamped to the list). */
export function moveFormField<T>(fields: readonly T[], index: number, delta: number): T[] {
  const copy = [...fields];
  if (index < 0 || index >= copy.length) return copy;
  const target = Math.min(copy.length - 1, Math.max(0, index + delta));
  const [moved] = copy.splice(index, 1);
  copy.splice(target, 0, moved as T);
  return copy;
}
