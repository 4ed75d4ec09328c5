/**
 * Police (SKCK, SIM) and immigration (paspor) templates. SIM and passport amounts were seen in
 * third-party copies of the tariff annexes (sources in each fee); the SKCK amount and all
 * service times are remembered [M].
 */
import type { ServiceTemplate } from '../template.ts';
import type { ServiceFee } from '../standard.ts';
import { law, req, steps, t, template } from './helpers.ts';

const POLRI_PNBP = 'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Polri, Lampiran';
const SIM_SOURCE = 'forumlampung.com/2022/09 (lampiran PP 76/2020); motorplus-online.com (SIM C)';
const PASPOR_SOURCE = 'kompas.tv/nasional/548302; tribunnews.com 2024/12/17 (PP 45/2024, berlaku 17 Des 2024)';

const SIM_LAWS = [law('UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan'), law('Perpol 5/2021 tentang Penerbitan dan Penandaan SIM'), law(POLRI_PNBP, true, SIM_SOURCE)];

const SIM_REQUIREMENTS = [
  req(t('KTP-el', 'KTP-el'), 'asli_dan_fotokopi'),
  req(t('Surat keterangan sehat jasmani dari dokter', 'Medical certificate from a doctor'), 'asli'),
  req(t('Surat keterangan lulus tes psikologi', 'Psychological test certificate'), 'asli'),
];

function simFee(amount: number, verified: boolean, note?: string): ServiceFee {
  return {
    kind: 'tarif',
    amount,
    basis: POLRI_PNBP,
    verified,
    source: SIM_SOURCE,
    note: t(
      `PNBP penerbitan SIM; biaya tes kesehatan dan psikologi dibayar terpisah ke penyedia.${note ? ` ${note}` : ''}`,
      'SIM issuance fee; the medical and psychological tests are paid separately to their providers.',
    ),
  };
}

const SIM_NEW_STEPS = steps([
  ['pemohon', 'Tes kesehatan dan psikologi, lalu mendaftar di Satpas', 'Medical and psychological tests, then register at the Satpas'],
  ['pemohon', 'Membayar PNBP di bank/loket', 'Pay the fee at the bank or counter'],
  ['petugas', 'Ujian teori', 'Theory test'],
  ['petugas', 'Ujian praktik', 'Practical test'],
  ['petugas', 'Foto, sidik jari, dan pencetakan SIM', 'Photo, fingerprints and printing of the SIM'],
]);

const SIM_RENEW_STEPS = steps([
  ['pemohon', 'Tes kesehatan dan psikologi; mendaftar di Satpas, SIM keliling, atau aplikasi SINAR', 'Medical and psychological tests; apply at the Satpas, a mobile SIM unit or the SINAR app'],
  ['pemohon', 'Membayar PNBP', 'Pay the fee'],
  ['petugas', 'Verifikasi, foto, dan pencetakan SIM', 'Check, photo and printing of the SIM'],
]);

const SAME_DAY = { amount: 1, unit: 'working_days', verified: false, source: '[M]' } as const;

const SKCK_REQUIREMENTS = [
  req(t('KTP-el', 'KTP-el'), 'fotokopi'),
  req(t('Kartu Keluarga', 'Family card'), 'fotokopi'),
  req(t('Akta kelahiran atau ijazah terakhir', 'Birth certificate or latest diploma'), 'fotokopi'),
  req(t('Pas foto 4×6 berlatar merah', 'Photo 4×6 on a red background'), 'asli', { count: 6 }),
  req(t('Kartu sidik jari (rumus sidik jari) dari Polres', 'Fingerprint card from the Polres'), 'asli'),
];

const SKCK_FEE: ServiceFee = {
  kind: 'tarif',
  amount: 30_000,
  basis: POLRI_PNBP,
  verified: false,
  source: '[M] nilai Rp30.000 per penerbitan menurut ingatan; belum dicek pada lampiran',
};

const SKCK_LAWS = [law('UU 2/2002 tentang Kepolisian Negara Republik Indonesia'), law('Perpol tentang tata cara penerbitan SKCK (nomor belum dicek)'), law(POLRI_PNBP)];

const PASPOR_LAWS = [
  law('UU 6/2011 tentang Keimigrasian'),
  law('Permenkumham tentang Paspor Biasa dan Surat Perjalanan Laksana Paspor (nomor belum dicek)'),
  law('PP 45/2024 tentang Jenis dan Tarif PNBP pada Kementerian Hukum dan HAM (mengganti PP 28/2019)', true, PASPOR_SOURCE),
];

function pasporFee(extra?: string): ServiceFee {
  return {
    kind: 'tarif',
    amount: 350_000,
    basis: 'PP 45/2024, Lampiran: paspor biasa non-elektronik masa berlaku 5 tahun',
    verified: true,
    source: PASPOR_SOURCE,
    note: t(
      `Paspor elektronik 5 tahun Rp650.000; 10 tahun Rp950.000; percepatan selesai hari yang sama Rp1.000.000 di luar biaya paspor.${extra ? ` ${extra}` : ''}`,
      `Electronic passport 5 years Rp650,000; 10 years Rp950,000; same-day service Rp1,000,000 on top.${extra ? ' Plus a lost/damaged charge.' : ''}`,
    ),
  };
}

const PASPOR_STEPS = steps([
  ['pemohon', 'Mengajukan dan memilih jadwal di aplikasi M-Paspor', 'Apply and book a slot in the M-Paspor app'],
  ['pemohon', 'Membayar PNBP sesuai kode billing', 'Pay the fee with the billing code'],
  ['petugas', 'Verifikasi dokumen asli, wawancara, foto dan sidik jari', 'Check the originals, interview, photo and fingerprints'],
  ['pejabat', 'Persetujuan dan pencetakan paspor', 'Approval and printing'],
  ['petugas', 'Penyerahan paspor', 'Passport handed over'],
]);

const PASPOR_TIME = {
  amount: 4,
  unit: 'working_days',
  verified: false,
  source: '[M]',
  conditions: t('sejak wawancara dan pembayaran', 'from the interview and payment'),
} as const;

const PASPOR_BASE_REQUIREMENTS = [
  req(t('KTP-el', 'KTP-el'), 'asli'),
  req(t('Kartu Keluarga', 'Family card'), 'asli'),
  req(t('Akta kelahiran, buku nikah, ijazah, atau surat baptis', 'Birth certificate, marriage book, diploma or baptism certificate'), 'asli'),
];

const PASPOR_KEYWORDS = ['paspor', 'luar negeri', 'umroh', 'haji', 'imigrasi', 'm-paspor'];

export const POLRI_IMIGRASI_TEMPLATES: ServiceTemplate[] = [
  template({
    code: 'skck-baru',
    sector: 'kepolisian',
    name: t('Penerbitan SKCK baru', 'New police clearance certificate (SKCK)'),
    requirements: SKCK_REQUIREMENTS,
    procedure: steps([
      ['pemohon', 'Mengisi formulir (online melalui aplikasi/situs Polri atau di loket)', 'Fill in the form (online or at the counter)'],
      ['petugas', 'Pengambilan sidik jari dan verifikasi dokumen', 'Fingerprinting and document check'],
      ['pemohon', 'Membayar PNBP', 'Pay the fee'],
      ['pejabat', 'Penerbitan SKCK', 'SKCK issued'],
    ]),
    time: SAME_DAY,
    fee: SKCK_FEE,
    product: t('Surat Keterangan Catatan Kepolisian (SKCK)', 'Police clearance certificate (SKCK)'),
    channels: ['online', 'loket'],
    legalBasis: SKCK_LAWS,
    synonyms: ['surat kelakuan baik', 'skck', 'catatan kepolisian', 'bikin skck'],
    keywords: ['melamar kerja', 'cpns', 'buat', 'baru'],
    formId: 'skck',
  }),
  template({
    code: 'skck-perpanjangan',
    sector: 'kepolisian',
    name: t('Perpanjangan SKCK', 'SKCK renewal'),
    requirements: [
      req(t('SKCK lama (paling lama 1 tahun setelah habis berlaku)', 'Old SKCK (at most 1 year after expiry)'), 'asli'),
      req(t('KTP-el', 'KTP-el'), 'fotokopi'),
      req(t('Pas foto 4×6 berlatar merah', 'Photo 4×6 on a red background'), 'asli', { count: 2 }),
    ],
    procedure: steps([
      ['pemohon', 'Mengajukan perpanjangan', 'Apply for renewal'],
      ['pemohon', 'Membayar PNBP', 'Pay the fee'],
      ['pejabat', 'Penerbitan SKCK', 'SKCK issued'],
    ]),
    time: SAME_DAY,
    fee: SKCK_FEE,
    product: t('SKCK yang diperpanjang', 'Renewed SKCK'),
    channels: ['online', 'loket'],
    legalBasis: SKCK_LAWS,
    synonyms: ['perpanjang skck', 'skck habis', 'perpanjangan surat kelakuan baik'],
    keywords: ['perpanjangan'],
  }),
  template({
    code: 'sim-a-baru',
    sector: 'kepolisian',
    name: t('Penerbitan SIM A baru', 'New car driving licence (SIM A)'),
    requirements: [...SIM_REQUIREMENTS, req(t('Berusia minimal 17 tahun', 'Aged 17 or over'), 'digital')],
    procedure: SIM_NEW_STEPS,
    time: SAME_DAY,
    fee: simFee(120_000, true),
    product: t('SIM A', 'Driving licence A'),
    channels: ['loket'],
    legalBasis: SIM_LAWS,
    synonyms: ['sim mobil', 'bikin sim a', 'sim a baru'],
    keywords: ['mobil', 'mengemudi', 'baru', 'buat'],
  }),
  template({
    code: 'sim-c-baru',
    sector: 'kepolisian',
    name: t('Penerbitan SIM C baru', 'New motorcycle driving licence (SIM C)'),
    requirements: [...SIM_REQUIREMENTS, req(t('Berusia minimal 17 tahun', 'Aged 17 or over'), 'digital')],
    procedure: SIM_NEW_STEPS,
    time: SAME_DAY,
    fee: simFee(100_000, true),
    product: t('SIM C', 'Driving licence C'),
    channels: ['loket'],
    legalBasis: SIM_LAWS,
    synonyms: ['sim motor', 'bikin sim c', 'sim c baru'],
    keywords: ['motor', 'sepeda motor', 'baru', 'buat'],
  }),
  template({
    code: 'sim-a-perpanjangan',
    sector: 'kepolisian',
    name: t('Perpanjangan SIM A', 'Car driving licence (SIM A) renewal'),
    requirements: [req(t('SIM A lama yang masih berlaku', 'Current SIM A, not expired'), 'asli'), ...SIM_REQUIREMENTS],
    procedure: SIM_RENEW_STEPS,
    time: { amount: 2, unit: 'hours', verified: false, source: '[M]' },
    fee: simFee(80_000, false, 'Satu salinan pihak ketiga menyebut Rp75.000 untuk semua golongan; belum dicek.'),
    product: t('SIM A diperpanjang', 'Renewed SIM A'),
    channels: ['online', 'loket'],
    legalBasis: SIM_LAWS,
    synonyms: ['perpanjang sim a', 'perpanjangan sim mobil', 'sim a habis'],
    keywords: ['mobil', 'perpanjangan', 'sinar'],
  }),
  template({
    code: 'sim-c-perpanjangan',
    sector: 'kepolisian',
    name: t('Perpanjangan SIM C', 'Motorcycle driving licence (SIM C) renewal'),
    requirements: [req(t('SIM C lama yang masih berlaku', 'Current SIM C, not expired'), 'asli'), ...SIM_REQUIREMENTS],
    procedure: SIM_RENEW_STEPS,
    time: { amount: 2, unit: 'hours', verified: false, source: '[M]' },
    fee: simFee(75_000, true),
    product: t('SIM C diperpanjang', 'Renewed SIM C'),
    channels: ['online', 'loket'],
    legalBasis: SIM_LAWS,
    synonyms: ['perpanjang sim c', 'perpanjangan sim motor', 'sim c habis'],
    keywords: ['motor', 'perpanjangan', 'sinar'],
  }),
  template({
    code: 'paspor-baru',
    sector: 'keimigrasian',
    name: t('Penerbitan paspor baru', 'New passport'),
    requirements: PASPOR_BASE_REQUIREMENTS,
    procedure: PASPOR_STEPS,
    time: PASPOR_TIME,
    fee: pasporFee(),
    product: t('Paspor biasa', 'Ordinary passport'),
    channels: ['online', 'loket'],
    legalBasis: PASPOR_LAWS,
    synonyms: ['bikin paspor', 'buat paspor', 'passport', 'paspor baru'],
    keywords: [...PASPOR_KEYWORDS, 'baru', 'buat'],
  }),
  template({
    code: 'paspor-penggantian',
    sector: 'keimigrasian',
    name: t('Penggantian paspor habis berlaku atau penuh', 'Passport replacement (expired or full)'),
    requirements: [req(t('Paspor lama', 'Old passport'), 'asli'), req(t('KTP-el', 'KTP-el'), 'asli')],
    procedure: PASPOR_STEPS,
    time: PASPOR_TIME,
    fee: pasporFee(),
    product: t('Paspor biasa pengganti', 'Replacement passport'),
    channels: ['online', 'loket'],
    legalBasis: PASPOR_LAWS,
    synonyms: ['perpanjang paspor', 'ganti paspor', 'paspor habis', 'perpanjangan paspor'],
    keywords: [...PASPOR_KEYWORDS, 'perpanjangan', 'penggantian'],
  }),
  template({
    code: 'paspor-hilang-rusak',
    sector: 'keimigrasian',
    name: t('Penggantian paspor hilang atau rusak', 'Replacement of a lost or damaged passport'),
    requirements: [
      ...PASPOR_BASE_REQUIREMENTS,
      req(t('Surat keterangan hilang dari kepolisian', 'Police loss report'), 'asli', { conditions: t('jika hilang', 'if lost') }),
      req(t('Paspor yang rusak', 'The damaged passport'), 'asli', { conditions: t('jika rusak', 'if damaged') }),
    ],
    procedure: [
      ...PASPOR_STEPS.slice(0, 2),
      { step: t('Pemeriksaan (BAP) atas hilang/rusaknya paspor', 'Investigation report on the loss or damage'), by: 'petugas' },
      ...PASPOR_STEPS.slice(2),
    ],
    time: PASPOR_TIME,
    fee: pasporFee('Ditambah biaya beban paspor hilang Rp1.000.000 atau rusak Rp500.000 per buku.'),
    product: t('Paspor biasa pengganti', 'Replacement passport'),
    channels: ['online', 'loket'],
    legalBasis: PASPOR_LAWS,
    synonyms: ['paspor hilang', 'paspor rusak'],
    keywords: [...PASPOR_KEYWORDS, 'hilang', 'rusak'],
  }),
];
