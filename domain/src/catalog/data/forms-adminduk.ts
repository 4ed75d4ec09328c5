/**
 * Form definitions for Disdukcapil services (akta kelahiran, KTP-el, KK). The fields follow the
 * data a birth or family registration needs (Perpres 96/2018 formulir F-2.01, F-1.xx, as
 * remembered [M]); uploads take PDF or photos of at most 2 MB.
 */
import type { FormDefinition, FormField } from '../form.ts';
import { SCAN_MAX_BYTES, SCAN_TYPES, t } from './helpers.ts';

function upload(key: string, label: [string, string], extra: Partial<FormField> = {}): FormField {
  return { key, type: 'file', label: t(...label), accept: SCAN_TYPES, maxBytes: SCAN_MAX_BYTES, required: true, ...extra } as FormField;
}

export const TRUTH_DECLARATION: FormField = {
  key: 'pernyataan',
  type: 'declaration',
  label: t('Pernyataan', 'Declaration'),
  statement: t(
    'Saya menyatakan data yang saya isi benar dan bersedia menanggung akibat hukum bila tidak benar.',
    'I declare the data is true and accept the legal consequences if it is not.',
  ),
};

const SEX: FormField = {
  key: 'jenisKelamin',
  type: 'choice',
  label: t('Jenis kelamin', 'Sex'),
  required: true,
  options: [
    { value: 'L', label: t('Laki-laki', 'Male') },
    { value: 'P', label: t('Perempuan', 'Female') },
  ],
};

export const AKTA_KELAHIRAN_FORM: FormDefinition = {
  id: 'akta-kelahiran',
  version: 1,
  serviceVersion: 1,
  title: t('Permohonan Akta Kelahiran', 'Birth certificate application'),
  fields: [
    { key: 'namaAnak', type: 'text', label: t('Nama lengkap anak', "Child's full name"), required: true, minLength: 2, maxLength: 100 },
    SEX,
    {
      key: 'tanggalLahir',
      type: 'date',
      label: t('Tanggal lahir', 'Date of birth'),
      required: true,
      notInFuture: true,
      help: t('Sesuai surat keterangan kelahiran', 'As on the birth notice'),
    },
    { key: 'tempatLahir', type: 'region', level: 'kabupaten_kota', label: t('Tempat lahir (kabupaten/kota)', 'Place of birth (regency/city)'), required: true },
    {
      key: 'tempatPersalinan',
      type: 'choice',
      label: t('Tempat persalinan', 'Place of delivery'),
      required: true,
      options: [
        { value: 'rs', label: t('Rumah sakit', 'Hospital') },
        { value: 'puskesmas', label: t('Puskesmas', 'Health centre') },
        { value: 'bidan', label: t('Bidan/polindes', 'Midwife') },
        { value: 'rumah', label: t('Rumah/lainnya', 'Home/other') },
      ],
    },
    { key: 'anakKe', type: 'number', label: t('Anak ke-', 'Birth order'), integer: true, min: 1, max: 30 },
    { key: 'beratLahir', type: 'number', label: t('Berat lahir (gram)', 'Birth weight (grams)'), integer: true, min: 300, max: 7000 },
    { key: 'nikIbu', type: 'nik', label: t('NIK ibu', "Mother's NIK"), required: true },
    { key: 'namaIbu', type: 'text', label: t('Nama ibu', "Mother's name"), required: true, maxLength: 100 },
    {
      key: 'statusPerkawinan',
      type: 'choice',
      label: t('Perkawinan orang tua tercatat?', "Is the parents' marriage registered?"),
      required: true,
      options: [
        { value: 'tercatat', label: t('Ya, ada buku nikah/akta perkawinan', 'Yes, with a marriage book or certificate') },
        { value: 'belum', label: t('Belum tercatat', 'Not registered') },
      ],
      help: t('Bila belum tercatat, akta tetap terbit dengan SPTJM', 'If not registered, the certificate is still issued with a statement (SPTJM)'),
    },
    { key: 'nikAyah', type: 'nik', label: t('NIK ayah', "Father's NIK"), required: true, visibleWhen: { field: 'statusPerkawinan', equals: 'tercatat' } },
    { key: 'namaAyah', type: 'text', label: t('Nama ayah', "Father's name"), required: true, visibleWhen: { field: 'statusPerkawinan', equals: 'tercatat' } },
    upload('suratKeteranganLahir', ['Surat keterangan lahir dari RS/puskesmas/bidan', 'Birth notice from the hospital, health centre or midwife'], {
      visibleWhen: { field: 'tempatPersalinan', in: ['rs', 'puskesmas', 'bidan'] },
    }),
    upload('sptjmKelahiran', ['SPTJM kebenaran data kelahiran', 'Statement of responsibility for the birth data'], {
      visibleWhen: { field: 'tempatPersalinan', equals: 'rumah' },
    }),
    upload('bukuNikah', ['Buku nikah/akta perkawinan orang tua', "Parents' marriage book or certificate"], {
      visibleWhen: { field: 'statusPerkawinan', equals: 'tercatat' },
    }),
    upload('kartuKeluarga', ['Kartu Keluarga', 'Family card']),
    {
      key: 'saksi',
      type: 'group',
      label: t('Saksi kelahiran', 'Birth witnesses'),
      itemLabel: t('Saksi', 'Witness'),
      minItems: 0,
      maxItems: 2,
      help: t('Diisi bila tidak ada surat keterangan lahir', 'Needed when there is no birth notice'),
      visibleWhen: { field: 'tempatPersalinan', equals: 'rumah' },
      fields: [
        { key: 'nama', type: 'text', label: t('Nama', 'Name'), required: true },
        { key: 'nik', type: 'nik', label: t('NIK', 'NIK'), required: true },
      ],
    },
    { key: 'telepon', type: 'phone', label: t('Nomor HP pemohon', "Applicant's mobile number"), required: true },
    { key: 'email', type: 'email', label: t('Email (untuk menerima PDF akta)', 'E-mail (to receive the PDF)') },
    TRUTH_DECLARATION,
  ],
};

export const KTP_EL_FORM: FormDefinition = {
  id: 'ktp-el',
  version: 1,
  serviceVersion: 1,
  title: t('Permohonan KTP-el baru', 'New KTP-el application'),
  fields: [
    { key: 'nik', type: 'nik', label: t('NIK pemohon', "Applicant's NIK"), required: true, help: t('Lihat di Kartu Keluarga', 'See the family card') },
    { key: 'nama', type: 'text', label: t('Nama lengkap', 'Full name'), required: true, maxLength: 100 },
    {
      key: 'tanggalLahir',
      type: 'date',
      label: t('Tanggal lahir', 'Date of birth'),
      required: true,
      notInFuture: true,
      help: t('Wajib KTP: usia 17 tahun atau sudah/pernah kawin', 'Required from 17, or earlier if married'),
    },
    {
      key: 'sudahKawin',
      type: 'choice',
      label: t('Status perkawinan', 'Marital status'),
      required: true,
      options: [
        { value: 'belum', label: t('Belum kawin', 'Single') },
        { value: 'kawin', label: t('Kawin/pernah kawin', 'Married or previously married') },
      ],
    },
    {
      key: 'alamat',
      type: 'address',
      label: t('Alamat sesuai KK', 'Address as on the family card'),
      required: true,
    },
    {
      key: 'lokasiPerekaman',
      type: 'choice',
      label: t('Lokasi perekaman', 'Where to be recorded'),
      required: true,
      options: [
        { value: 'mpp', label: t('Mal Pelayanan Publik', 'Public service mall') },
        { value: 'kecamatan', label: t('Kantor kecamatan', 'District office') },
        { value: 'desa', label: t('Layanan jemput bola di desa', 'Mobile service at the village') },
      ],
    },
    { key: 'telepon', type: 'phone', label: t('Nomor HP', 'Mobile number'), required: true },
    TRUTH_DECLARATION,
  ],
};

export const KARTU_KELUARGA_FORM: FormDefinition = {
  id: 'kartu-keluarga',
  version: 1,
  serviceVersion: 1,
  title: t('Permohonan Kartu Keluarga baru', 'New family card application'),
  fields: [
    {
      key: 'alasan',
      type: 'choice',
      label: t('Alasan', 'Reason'),
      required: true,
      options: [
        { value: 'nikah', label: t('Membentuk keluarga baru (menikah)', 'New family (marriage)') },
        { value: 'pisah', label: t('Pisah KK dari orang tua', 'Split from the parents’ KK') },
        { value: 'datang', label: t('Pindah datang', 'Moving in') },
      ],
    },
    { key: 'nikKepala', type: 'nik', label: t('NIK kepala keluarga', 'NIK of the head of family'), required: true },
    { key: 'namaKepala', type: 'text', label: t('Nama kepala keluarga', 'Name of the head of family'), required: true, maxLength: 100 },
    { key: 'alamat', type: 'address', label: t('Alamat', 'Address'), required: true },
    {
      key: 'anggota',
      type: 'group',
      label: t('Anggota keluarga', 'Family members'),
      itemLabel: t('Anggota', 'Member'),
      minItems: 1,
      maxItems: 20,
      fields: [
        { key: 'nik', type: 'nik', label: t('NIK', 'NIK'), required: true },
        { key: 'nama', type: 'text', label: t('Nama', 'Name'), required: true },
        {
          key: 'hubungan',
          type: 'choice',
          label: t('Hubungan dengan kepala keluarga', 'Relationship to the head of family'),
          required: true,
          options: [
            { value: 'istri', label: t('Istri/suami', 'Spouse') },
            { value: 'anak', label: t('Anak', 'Child') },
            { value: 'orang_tua', label: t('Orang tua', 'Parent') },
            { value: 'lainnya', label: t('Lainnya', 'Other') },
          ],
        },
      ],
    },
    upload('bukuNikah', ['Buku nikah/akta perkawinan', 'Marriage book or certificate'], { visibleWhen: { field: 'alasan', equals: 'nikah' } }),
    upload('suratPindah', ['Surat keterangan pindah', 'Moving certificate'], { visibleWhen: { field: 'alasan', equals: 'datang' } }),
    upload('kkLama', ['Kartu Keluarga lama', 'Current family card'], { visibleWhen: { field: 'alasan', in: ['nikah', 'pisah'] } }),
    { key: 'telepon', type: 'phone', label: t('Nomor HP', 'Mobile number'), required: true },
    TRUTH_DECLARATION,
  ],
};
