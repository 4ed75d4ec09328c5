/**
 * Demo tenant: Kabupaten Banyuwangi (Kemendagri 35.10), one of the MPP pilots (REFERENCE §3).
 * Agency names follow the usual nomenclature; the exact official names and office classes were
 * not checked, so every agency is verified: false. The internal standard components are demo
 * text for the MPP, not Banyuwangi's approved standards.
 */
import type { Agency, LocalComponents } from '../template.ts';
import { t } from './helpers.ts';

export const BANYUWANGI_CODE = '35.10';
export const MPP_BANYUWANGI = 'MPP Banyuwangi';
export const KANTOR_DESA = 'Kantor desa/kelurahan (layanan terbantu)';

const UNCHECKED = 'nama resmi dan kelas kantor belum dicek';

function agency(slug: string, name: string, shortName: string, kind: Agency['kind'], description: [string, string]): Agency {
  return { slug, name, shortName, kind, description: t(...description), verified: false, note: UNCHECKED };
}

export const BANYUWANGI_AGENCIES: Agency[] = [
  agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi', 'Disdukcapil', 'daerah', [
    'KTP-el, Kartu Keluarga, akta pencatatan sipil, dan pindah datang.',
    'ID cards, family cards, civil registration certificates and moving.',
  ]),
  agency('dpmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Banyuwangi', 'DPMPTSP', 'daerah', [
    'Perizinan berusaha (OSS), persetujuan bangunan gedung, dan izin praktik tenaga kesehatan.',
    'Business licensing (OSS), building approvals and health-worker practice licences.',
  ]),
  agency('polresta', 'Kepolisian Resor Kota Banyuwangi', 'Polresta Banyuwangi', 'vertikal', [
    'SKCK dan Surat Izin Mengemudi.',
    'Police clearance certificates and driving licences.',
  ]),
  agency('imigrasi', 'Kantor Imigrasi Banyuwangi', 'Kanim Banyuwangi', 'vertikal', ['Paspor dan layanan keimigrasian.', 'Passports and immigration services.']),
  agency('bpjs-kesehatan', 'BPJS Kesehatan Kantor Cabang Banyuwangi', 'BPJS Kesehatan', 'badan_hukum_publik', [
    'Kepesertaan Jaminan Kesehatan Nasional (JKN).',
    'National health insurance (JKN) membership.',
  ]),
  agency('bpjs-ketenagakerjaan', 'BPJS Ketenagakerjaan Kantor Cabang Banyuwangi', 'BPJS Ketenagakerjaan', 'badan_hukum_publik', [
    'Kepesertaan dan klaim jaminan sosial ketenagakerjaan.',
    'Employment social security membership and claims.',
  ]),
  agency('samsat', 'Samsat Banyuwangi (UPT Bapenda Provinsi Jawa Timur, Polri, Jasa Raharja)', 'Samsat', 'daerah', [
    'Pajak kendaraan bermotor, STNK, dan TNKB.',
    'Vehicle tax, registration and number plates.',
  ]),
  agency('kemenag', 'Kantor Kementerian Agama Kabupaten Banyuwangi', 'Kemenag', 'vertikal', [
    'Pencatatan nikah melalui KUA dan legalisir buku nikah.',
    'Marriage registration through the KUA and certified copies.',
  ]),
  agency('bpn', 'Kantor Pertanahan Kabupaten Banyuwangi', 'BPN', 'vertikal', ['Pendaftaran dan peralihan hak atas tanah.', 'Land registration and transfers.']),
  agency('disnaker', 'Dinas Tenaga Kerja Kabupaten Banyuwangi', 'Disnaker', 'daerah', [
    'Kartu pencari kerja (AK-1) dan wajib lapor ketenagakerjaan.',
    'Job-seeker cards (AK-1) and company labour reports.',
  ]),
  agency('dinkes', 'Dinas Kesehatan Kabupaten Banyuwangi', 'Dinkes', 'daerah', [
    'Sertifikat laik higiene sanitasi dan rekomendasi kesehatan.',
    'Hygiene certificates and health recommendations.',
  ]),
];

/** Demo internal components for a unit serving at the MPP. */
export function mppLocalComponents(agencyName: string): LocalComponents {
  return {
    facilities: [
      t('Loket di MPP Banyuwangi, ruang tunggu, antrean elektronik, komputer dan printer', 'Counter at MPP Banyuwangi, waiting room, e-queue, computer and printer'),
      t('Akses kursi roda dan loket prioritas', 'Wheelchair access and a priority counter'),
    ],
    competence: [t('Pelaksana memahami SOP layanan dan aplikasi terkait', 'Staff know the service procedure and the systems used')],
    internalSupervision: [t(`Atasan langsung di ${agencyName} dan Inspektorat`, `Direct supervisor at ${agencyName} and the inspectorate`)],
    staffing: t('2 petugas loket (contoh data demo)', '2 counter staff (demo data)'),
    serviceGuarantee: t('Layanan sesuai standar pelayanan dan maklumat pelayanan', 'Service per the published standard and pledge'),
    safetyGuarantee: t('Data pemohon dijaga kerahasiaannya; berkas disimpan di sistem yang terlindungi', 'Applicant data is kept confidential and stored securely'),
    performanceEvaluation: t('Evaluasi berkala dan Survei Kepuasan Masyarakat (SKM)', 'Periodic review and the satisfaction survey (SKM)'),
  };
}
