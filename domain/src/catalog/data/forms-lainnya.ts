/**
 * Form definitions for SKCK (police clearance) and NIB (business number, assisted OSS entry).
 */
import type { FormDefinition } from '../form.ts';
import { SCAN_MAX_BYTES, SCAN_TYPES, t } from './helpers.ts';

export const SKCK_FORM: FormDefinition = {
  id: 'skck',
  version: 1,
  serviceVersion: 1,
  title: t('Permohonan SKCK', 'Police clearance (SKCK) application'),
  fields: [
    { key: 'nik', type: 'nik', label: t('NIK', 'NIK'), required: true },
    { key: 'nama', type: 'text', label: t('Nama lengkap', 'Full name'), required: true, maxLength: 100 },
    { key: 'tanggalLahir', type: 'date', label: t('Tanggal lahir', 'Date of birth'), required: true, notInFuture: true, minAgeYears: 17 },
    {
      key: 'keperluan',
      type: 'choice',
      label: t('Keperluan', 'Purpose'),
      required: true,
      options: [
        { value: 'kerja', label: t('Melamar pekerjaan', 'Job application') },
        { value: 'cpns', label: t('Pendaftaran CPNS/TNI/Polri', 'Civil service, army or police application') },
        { value: 'sekolah', label: t('Pendidikan/beasiswa', 'Education or scholarship') },
        { value: 'luar_negeri', label: t('Ke luar negeri', 'Travel or work abroad') },
        { value: 'lainnya', label: t('Lainnya', 'Other') },
      ],
    },
    { key: 'keperluanLain', type: 'text', label: t('Sebutkan keperluan', 'State the purpose'), required: true, visibleWhen: { field: 'keperluan', equals: 'lainnya' } },
    { key: 'negaraTujuan', type: 'text', label: t('Negara tujuan', 'Destination country'), required: true, visibleWhen: { field: 'keperluan', equals: 'luar_negeri' } },
    {
      key: 'pernahPidana',
      type: 'choice',
      label: t('Pernah tersangkut perkara pidana?', 'Ever involved in a criminal case?'),
      required: true,
      options: [
        { value: 'tidak', label: t('Tidak', 'No') },
        { value: 'ya', label: t('Ya', 'Yes') },
      ],
    },
    { key: 'perkara', type: 'textarea', label: t('Uraian perkara dan putusannya', 'The case and its outcome'), required: true, maxLength: 1000, visibleWhen: { field: 'pernahPidana', equals: 'ya' } },
    { key: 'alamat', type: 'address', label: t('Alamat domisili', 'Home address'), required: true },
    { key: 'pasFoto', type: 'file', label: t('Pas foto 4×6 berlatar merah', 'Photo 4×6, red background'), required: true, accept: ['image/jpeg', 'image/png'], maxBytes: 1024 * 1024 },
    { key: 'kartuKeluarga', type: 'file', label: t('Kartu Keluarga', 'Family card'), required: true, accept: SCAN_TYPES, maxBytes: SCAN_MAX_BYTES },
    { key: 'telepon', type: 'phone', label: t('Nomor HP', 'Mobile number'), required: true },
    {
      key: 'pernyataan',
      type: 'declaration',
      label: t('Pernyataan', 'Declaration'),
      statement: t('Saya menyatakan keterangan di atas benar.', 'I declare the above is true.'),
    },
  ],
};

export const NIB_FORM: FormDefinition = {
  id: 'nib',
  version: 1,
  serviceVersion: 1,
  title: t('Pendampingan pendaftaran NIB (OSS)', 'Assisted NIB registration (OSS)'),
  fields: [
    { key: 'nik', type: 'nik', label: t('NIK pemilik usaha', "Owner's NIK"), required: true },
    { key: 'nama', type: 'text', label: t('Nama pemilik', "Owner's name"), required: true, maxLength: 100 },
    { key: 'email', type: 'email', label: t('Email untuk akun OSS', 'E-mail for the OSS account'), required: true },
    { key: 'telepon', type: 'phone', label: t('Nomor HP', 'Mobile number'), required: true },
    { key: 'namaUsaha', type: 'text', label: t('Nama usaha', 'Business name'), required: true, maxLength: 120 },
    {
      key: 'kbli',
      type: 'text',
      label: t('Kode KBLI', 'KBLI code'),
      required: true,
      pattern: '\\d{5}',
      patternMessage: t('KBLI terdiri dari 5 angka', 'A KBLI code has 5 digits'),
      help: t('Petugas dapat membantu memilih KBLI', 'Staff can help choose the code'),
    },
    {
      key: 'skala',
      type: 'choice',
      label: t('Skala usaha', 'Business size'),
      required: true,
      options: [
        { value: 'mikro', label: t('Mikro', 'Micro') },
        { value: 'kecil', label: t('Kecil', 'Small') },
        { value: 'menengah', label: t('Menengah', 'Medium') },
        { value: 'besar', label: t('Besar', 'Large') },
      ],
    },
    { key: 'modal', type: 'number', label: t('Modal usaha (Rupiah)', 'Capital (Rupiah)'), required: true, integer: true, min: 0, format: 'rupiah' },
    { key: 'tenagaKerja', type: 'number', label: t('Jumlah tenaga kerja', 'Number of workers'), integer: true, min: 0, max: 100000 },
    { key: 'lokasi', type: 'address', label: t('Lokasi usaha', 'Business location'), required: true },
    { key: 'npwp', type: 'text', label: t('NPWP badan usaha', 'Company tax number'), pattern: '\\d{15,16}', required: true, visibleWhen: { field: 'skala', in: ['menengah', 'besar'] } },
    {
      key: 'pernyataan',
      type: 'declaration',
      label: t('Pernyataan mandiri', 'Self-declaration'),
      statement: t(
        'Saya menyatakan sanggup memenuhi standar usaha sesuai tingkat risiko KBLI yang dipilih.',
        'I commit to meeting the business standards for the risk level of the chosen KBLI.',
      ),
    },
  ],
};
