/**
 * Adminduk (population administration) templates, served by Disdukcapil. All are free by
 * UU 24/2013 Pasal 79A. Requirements follow Perpres 96/2018 and Permendagri 108/2019 as
 * remembered [M]; the one-hour service times follow Permendagri 19/2018 as remembered [M].
 */
import type { ServiceTemplate } from '../template.ts';
import type { ProcedureStep, Requirement, ServiceChannel, ServiceTime } from '../standard.ts';
import type { Bilingual } from '../issues.ts';
import { ADMINDUK_FREE, ADMINDUK_LAWS, LAPOR, req, steps, t } from './helpers.ts';

const ONE_HOUR: ServiceTime = {
  amount: 1,
  unit: 'hours',
  verified: false,
  source: '[M] Permendagri 19/2018 (peningkatan kualitas layanan adminduk)',
  conditions: t('sejak berkas dinyatakan lengkap dan benar', 'from the moment the file is complete and correct'),
};
const ONE_DAY: ServiceTime = { amount: 1, unit: 'working_days', verified: false, source: '[M] praktik Disdukcapil' };

const STANDARD_STEPS: ProcedureStep[] = steps([
  ['pemohon', 'Mengisi formulir dan mengunggah/menyerahkan persyaratan (online, loket MPP, atau kantor desa)', 'Fill in the form and upload or hand in the requirements (online, MPP counter or village office)'],
  ['petugas', 'Verifikasi dan validasi berkas serta data di SIAK', 'Check the file and the data in SIAK'],
  ['pejabat', 'Penandatanganan dokumen secara elektronik (TTE)', 'Electronic signature of the document'],
  ['petugas', 'Dokumen dicetak/dikirim; pemohon menerima dokumen atau berkas PDF', 'The document is printed or sent; the applicant receives it or the PDF'],
]);

const CHANNELS: ServiceChannel[] = ['online', 'loket', 'desa'];

const KK: Requirement = req(t('Kartu Keluarga', 'Family card (KK)'), 'asli', {
  note: t('ditunjukkan; fotokopi tidak diminta karena data diambil dari SIAK', 'shown; no photocopy, the data comes from SIAK'),
});
const KTP_APPLICANT: Requirement = req(t('KTP-el pemohon', "Applicant's KTP-el"), 'asli');

interface AdmindukSpec {
  code: string;
  name: Bilingual;
  requirements: Requirement[];
  product: Bilingual;
  synonyms: string[];
  keywords: string[];
  time?: ServiceTime;
  channels?: ServiceChannel[];
  procedure?: ProcedureStep[];
  formId?: string;
}

function adminduk(spec: AdmindukSpec): ServiceTemplate {
  return {
    code: spec.code,
    sector: 'adminduk',
    search: { synonyms: spec.synonyms, keywords: spec.keywords },
    ...(spec.formId ? { formId: spec.formId } : {}),
    standard: {
      code: spec.code,
      name: spec.name,
      version: 1,
      channels: spec.channels ?? CHANNELS,
      requirements: spec.requirements,
      procedure: spec.procedure ?? STANDARD_STEPS,
      serviceTime: spec.time ?? ONE_HOUR,
      fee: ADMINDUK_FREE,
      product: { name: spec.product, electronic: true },
      complaints: [LAPOR],
      legalBasis: ADMINDUK_LAWS,
    },
  };
}

export const ADMINDUK_TEMPLATES: ServiceTemplate[] = [
  adminduk({
    code: 'ktp-el-baru',
    name: t('Penerbitan KTP-el baru (pemula)', 'New electronic ID card (KTP-el), first issue'),
    requirements: [
      KK,
      req(t('Berusia 17 tahun, sudah kawin, atau pernah kawin', 'Aged 17, or married or previously married'), 'digital', {
        note: t('diperiksa dari data kependudukan', 'checked against the population data'),
      }),
    ],
    procedure: steps([
      ['pemohon', 'Mendaftar dan datang untuk perekaman biometrik (foto, sidik jari, iris, tanda tangan)', 'Register and come for biometric capture (photo, fingerprints, iris, signature)'],
      ['petugas', 'Verifikasi data dan perekaman', 'Data check and capture'],
      ['pejabat', 'Persetujuan cetak setelah data terverifikasi di pusat', 'Print approval once the data is verified centrally'],
      ['petugas', 'Pencetakan dan penyerahan KTP-el', 'KTP-el printed and handed over'],
    ]),
    channels: ['loket', 'desa'],
    product: t('KTP-el', 'Electronic ID card (KTP-el)'),
    synonyms: ['bikin ktp', 'buat ktp', 'rekam ktp', 'e-ktp', 'ktp baru', 'ktp pemula'],
    keywords: ['perekaman', '17 tahun', 'pemula', 'kartu tanda penduduk', 'buat'],
    formId: 'ktp-el',
  }),
  adminduk({
    code: 'ktp-el-ganti',
    name: t('Penggantian KTP-el rusak, hilang, atau berubah data', 'Replacement KTP-el (damaged, lost or changed data)'),
    requirements: [
      KK,
      req(t('KTP-el yang rusak', 'The damaged KTP-el'), 'asli', { conditions: t('jika rusak', 'if damaged') }),
      req(t('Surat keterangan kehilangan dari kepolisian', 'Police loss report'), 'asli', { conditions: t('jika hilang', 'if lost') }),
      req(t('Dokumen bukti perubahan data (mis. akta, buku nikah)', 'Proof of the changed data (e.g. certificate, marriage book)'), 'asli', {
        conditions: t('jika data berubah', 'if data changed'),
      }),
    ],
    product: t('KTP-el pengganti', 'Replacement KTP-el'),
    synonyms: ['ktp hilang', 'ktp rusak', 'ganti ktp', 'cetak ulang ktp', 'ktp-el hilang'],
    keywords: ['penggantian', 'hilang', 'rusak', 'cetak ulang'],
  }),
  adminduk({
    code: 'kk-baru',
    name: t('Penerbitan Kartu Keluarga baru', 'New family card (KK)'),
    requirements: [
      req(t('Buku nikah atau kutipan akta perkawinan', 'Marriage book or marriage certificate'), 'asli', {
        conditions: t('untuk keluarga baru karena perkawinan', 'for a new family by marriage'),
      }),
      req(t('Surat keterangan pindah', 'Moving certificate'), 'asli', { conditions: t('bagi penduduk yang pindah datang', 'for residents moving in') }),
      KK,
    ],
    product: t('Kartu Keluarga', 'Family card (KK)'),
    synonyms: ['bikin kk', 'buat kk', 'kk baru', 'pisah kk', 'pecah kk'],
    keywords: ['keluarga baru', 'menikah', 'pisah kk', 'buat'],
    formId: 'kartu-keluarga',
  }),
  adminduk({
    code: 'kk-perubahan',
    name: t('Perubahan Kartu Keluarga (tambah/kurang anggota, ubah data)', 'Family card update (add or remove member, change data)'),
    requirements: [
      KK,
      req(t('Dokumen bukti peristiwa (akta kelahiran, akta kematian, surat pindah, ijazah, dll.)', 'Proof of the event (birth or death certificate, moving letter, diploma, etc.)'), 'asli'),
    ],
    product: t('Kartu Keluarga yang diperbarui', 'Updated family card'),
    synonyms: ['ubah kk', 'update kk', 'tambah anggota kk', 'kk hilang', 'ganti kk'],
    keywords: ['perubahan', 'tambah anak', 'cetak ulang', 'hilang', 'rusak'],
  }),
  adminduk({
    code: 'akta-kelahiran',
    name: t('Penerbitan Akta Kelahiran', 'Birth certificate'),
    requirements: [
      req(t('Surat keterangan kelahiran dari rumah sakit, puskesmas, bidan, atau kepala desa/lurah', 'Birth notice from the hospital, health centre, midwife or village head'), 'asli'),
      req(t('Buku nikah atau kutipan akta perkawinan orang tua', "Parents' marriage book or certificate"), 'asli', {
        conditions: t('jika orang tua tercatat kawin', 'if the parents are registered as married'),
      }),
      req(t('SPTJM kebenaran data kelahiran', 'Statement of responsibility for the birth data (SPTJM)'), 'asli', {
        conditions: t('jika tidak ada surat keterangan kelahiran', 'if there is no birth notice'),
      }),
      KK,
      req(t('KTP-el ayah dan/atau ibu', "Father's and/or mother's KTP-el"), 'asli'),
    ],
    product: t('Kutipan Akta Kelahiran (PDF bertanda tangan elektronik) dan KK yang diperbarui', 'Birth certificate extract (e-signed PDF) and updated family card'),
    synonyms: ['akta lahir', 'akte kelahiran', 'akta kelahiran anak', 'akta bayi', 'bikin akta lahir'],
    keywords: ['anak', 'bayi', 'lahir', 'kelahiran', 'buat'],
    formId: 'akta-kelahiran',
  }),
  adminduk({
    code: 'akta-kematian',
    name: t('Penerbitan Akta Kematian', 'Death certificate'),
    requirements: [
      req(t('Surat keterangan kematian dari rumah sakit, puskesmas, atau kepala desa/lurah', 'Death notice from the hospital, health centre or village head'), 'asli'),
      req(t('KK almarhum/almarhumah', "Deceased's family card"), 'asli'),
      req(t('KTP-el almarhum/almarhumah', "Deceased's KTP-el"), 'asli', { conditions: t('jika ada', 'if available') }),
      KTP_APPLICANT,
    ],
    product: t('Kutipan Akta Kematian dan KK yang diperbarui', 'Death certificate extract and updated family card'),
    synonyms: ['akta meninggal', 'surat kematian', 'lapor kematian', 'akte kematian'],
    keywords: ['meninggal', 'wafat', 'kematian'],
  }),
  adminduk({
    code: 'pindah-keluar',
    name: t('Surat Keterangan Pindah (SKPWNI) keluar daerah', 'Moving-out certificate (SKPWNI)'),
    requirements: [KK, req(t('Formulir permohonan pindah (F-1.03)', 'Moving application form (F-1.03)'), 'digital')],
    product: t('Surat Keterangan Pindah WNI', 'Moving certificate'),
    synonyms: ['surat pindah', 'pindah domisili', 'pindah keluar', 'skpwni', 'mutasi penduduk'],
    keywords: ['pindah', 'domisili', 'keluar kota'],
  }),
  adminduk({
    code: 'pindah-datang',
    name: t('Pendaftaran pindah datang', 'Registration of residents moving in'),
    requirements: [req(t('Surat Keterangan Pindah WNI dari daerah asal', 'Moving certificate from the place of origin'), 'asli'), KTP_APPLICANT],
    product: t('KK dan KTP-el dengan alamat baru', 'Family card and KTP-el with the new address'),
    synonyms: ['pindah datang', 'pindah masuk', 'lapor datang', 'pendatang baru'],
    keywords: ['pindah', 'datang', 'domisili'],
  }),
  adminduk({
    code: 'akta-perkawinan',
    name: t('Pencatatan perkawinan non-muslim (Akta Perkawinan)', 'Registration of a non-Muslim marriage (marriage certificate)'),
    requirements: [
      req(t('Surat keterangan telah terjadinya perkawinan dari pemuka agama/penghayat kepercayaan', 'Certificate of the marriage from the religious leader'), 'asli'),
      req(t('KTP-el dan KK kedua mempelai', "Both spouses' KTP-el and family card"), 'asli', { count: 2 }),
      req(t('Pas foto berdampingan 4×6', 'Side-by-side photo 4×6'), 'asli', { count: 2 }),
      req(t('KTP-el dua orang saksi', 'KTP-el of two witnesses'), 'asli', { count: 2 }),
      req(t('Izin komandan bagi anggota TNI/Polri', 'Commander permission for TNI/Polri members'), 'asli', { conditions: t('bagi anggota TNI/Polri', 'for TNI/Polri members') }),
    ],
    product: t('Kutipan Akta Perkawinan', 'Marriage certificate extract'),
    synonyms: ['akta nikah non muslim', 'catatan sipil perkawinan', 'akta kawin', 'nikah gereja'],
    keywords: ['kawin', 'nikah', 'kristen', 'katolik', 'hindu', 'buddha', 'konghucu', 'penghayat'],
    time: ONE_DAY,
  }),
  adminduk({
    code: 'akta-perceraian',
    name: t('Pencatatan perceraian non-muslim (Akta Perceraian)', 'Registration of a non-Muslim divorce (divorce certificate)'),
    requirements: [
      req(t('Salinan putusan pengadilan yang berkekuatan hukum tetap', 'Final court decision'), 'asli_dan_fotokopi'),
      req(t('Kutipan akta perkawinan', 'Marriage certificate extract'), 'asli'),
      KK,
      KTP_APPLICANT,
    ],
    product: t('Kutipan Akta Perceraian', 'Divorce certificate extract'),
    synonyms: ['akta cerai', 'catat cerai', 'akte perceraian'],
    keywords: ['cerai', 'putusan pengadilan'],
    time: ONE_DAY,
  }),
  adminduk({
    code: 'kia',
    name: t('Penerbitan Kartu Identitas Anak (KIA)', 'Child identity card (KIA)'),
    requirements: [
      req(t('Kutipan akta kelahiran anak', "Child's birth certificate"), 'asli'),
      KK,
      req(t('KTP-el orang tua/wali', "Parent's or guardian's KTP-el"), 'asli'),
      req(t('Pas foto anak 2×3', 'Child photo 2×3'), 'asli', { count: 2, conditions: t('bagi anak usia 5 tahun ke atas', 'for children aged 5 and over') }),
    ],
    product: t('Kartu Identitas Anak', 'Child identity card'),
    synonyms: ['ktp anak', 'kartu anak', 'kartu identitas anak'],
    keywords: ['anak', 'di bawah 17 tahun'],
  }),
  adminduk({
    code: 'legalisir-adminduk',
    name: t('Legalisir dokumen kependudukan', 'Certified copies of population documents'),
    requirements: [
      req(t('Dokumen kependudukan yang akan dilegalisir', 'The population document to certify'), 'asli_dan_fotokopi', {
        note: t('dokumen ber-TTE dan QR code tidak perlu dilegalisir', 'documents with an e-signature and QR code need no certification'),
      }),
    ],
    product: t('Fotokopi dokumen yang dilegalisir', 'Certified photocopy'),
    synonyms: ['legalisir akta', 'legalisir kk', 'cap basah', 'legalisasi'],
    keywords: ['legalisir', 'fotokopi'],
    channels: ['loket'],
    time: { amount: 30, unit: 'minutes', verified: false, source: '[M] praktik Disdukcapil' },
  }),
  adminduk({
    code: 'ikd-aktivasi',
    name: t('Aktivasi Identitas Kependudukan Digital (IKD)', 'Digital ID (IKD) activation'),
    requirements: [
      KTP_APPLICANT,
      req(t('Ponsel Android/iOS dengan nomor HP dan email aktif', 'Smartphone with an active phone number and e-mail'), 'asli'),
    ],
    procedure: steps([
      ['pemohon', 'Mengunduh aplikasi IKD, mengisi NIK, email, nomor HP, dan swafoto', 'Install the IKD app, enter NIK, e-mail, phone number and take a selfie'],
      ['petugas', 'Verifikasi wajah dan pemindaian QR code di loket Disdukcapil', 'Face check and QR code scan at the Disdukcapil counter'],
      ['sistem', 'Akun IKD aktif', 'IKD account active'],
    ]),
    channels: ['loket', 'desa'],
    time: { amount: 15, unit: 'minutes', verified: false, source: '[M]' },
    product: t('Akun IKD aktif', 'Active IKD account'),
    synonyms: ['ktp digital', 'aktivasi ikd', 'identitas digital'],
    keywords: ['digital', 'aplikasi'],
  }),
];
