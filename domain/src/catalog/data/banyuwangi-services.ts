/**
 * The Banyuwangi demo catalog: every service adopts a national template, with local overrides
 * where a demo needs them. Overrides marked verified: false are illustrations, not Banyuwangi's
 * approved standards.
 */
import { adoptTemplate, type ServiceTemplate, type TemplateOverride, type TenantService } from '../template.ts';
import { BANYUWANGI_AGENCIES, BANYUWANGI_CODE, KANTOR_DESA, MPP_BANYUWANGI, mppLocalComponents } from './banyuwangi-agencies.ts';
import { law, req, t } from './helpers.ts';

interface Adoption {
  agency: string;
  template: string;
  locations?: string[];
  override?: TemplateOverride;
}

const PERDA_PDRD = law('Perda Kabupaten Banyuwangi tentang Pajak Daerah dan Retribusi Daerah (nomor belum dicek)');
const PENGANTAR_DESA = req(t('Surat pengantar dari desa/kelurahan', 'Cover letter from the village'), 'asli', {
  conditions: t('bila diajukan lewat kantor desa', 'when applying at the village office'),
});

const ADOPTIONS: Adoption[] = [
  ...[
    'ktp-el-ganti',
    'kk-baru',
    'kk-perubahan',
    'akta-kelahiran',
    'akta-kematian',
    'pindah-keluar',
    'pindah-datang',
    'akta-perkawinan',
    'akta-perceraian',
    'kia',
    'legalisir-adminduk',
    'ikd-aktivasi',
  ].map((template) => ({ agency: 'disdukcapil', template })),
  {
    agency: 'disdukcapil',
    template: 'ktp-el-baru',
    override: {
      serviceTime: {
        amount: 1,
        unit: 'working_days',
        verified: false,
        note: 'contoh override lokal: cetak H+1 bila blanko tersedia',
        conditions: t('setelah perekaman dan verifikasi pusat', 'after capture and central verification'),
      },
      extraRequirements: [PENGANTAR_DESA],
    },
  },
  { agency: 'dpmptsp', template: 'nib-oss', locations: [MPP_BANYUWANGI, KANTOR_DESA] },
  { agency: 'dpmptsp', template: 'pbg', override: { extraLegalBasis: [PERDA_PDRD] } },
  ...(
    [
      ['sip-dokter', 'Surat Izin Praktik Dokter', 'Practice licence for doctors', 'dokter'],
      ['sip-bidan', 'Surat Izin Praktik Bidan', 'Practice licence for midwives', 'bidan'],
      ['sip-perawat', 'Surat Izin Praktik Perawat', 'Practice licence for nurses', 'perawat'],
      ['sip-apoteker', 'Surat Izin Praktik Apoteker', 'Practice licence for pharmacists', 'apoteker'],
    ] as const
  ).map(([code, id, en, keyword]) => ({
    agency: 'dpmptsp',
    template: 'sip-nakes',
    override: { code, name: t(id, en), extraKeywords: [keyword], extraLegalBasis: [PERDA_PDRD] },
  })),
  ...['skck-baru', 'skck-perpanjangan'].map((template) => ({ agency: 'polresta', template, locations: [MPP_BANYUWANGI, 'Polresta Banyuwangi'] })),
  ...['sim-a-baru', 'sim-c-baru', 'sim-a-perpanjangan', 'sim-c-perpanjangan'].map((template) => ({
    agency: 'polresta',
    template,
    locations: ['Satpas Polresta Banyuwangi', ...(template.endsWith('perpanjangan') ? [MPP_BANYUWANGI] : [])],
  })),
  ...['paspor-baru', 'paspor-penggantian', 'paspor-hilang-rusak'].map((template) => ({
    agency: 'imigrasi',
    template,
    locations: [MPP_BANYUWANGI, 'Kantor Imigrasi Banyuwangi'],
  })),
  { agency: 'bpjs-kesehatan', template: 'bpjs-kesehatan-daftar' },
  { agency: 'bpjs-kesehatan', template: 'bpjs-kesehatan-faskes' },
  { agency: 'bpjs-ketenagakerjaan', template: 'jht-klaim' },
  { agency: 'bpjs-ketenagakerjaan', template: 'bpjs-tk-bpu', locations: [MPP_BANYUWANGI, KANTOR_DESA] },
  { agency: 'samsat', template: 'pkb-tahunan', locations: [MPP_BANYUWANGI, 'Kantor Samsat Banyuwangi'] },
  { agency: 'samsat', template: 'stnk-lima-tahunan', locations: ['Kantor Samsat Banyuwangi'] },
  { agency: 'kemenag', template: 'nikah-kua', locations: ['KUA kecamatan', MPP_BANYUWANGI] },
  { agency: 'kemenag', template: 'legalisir-buku-nikah', locations: ['KUA kecamatan', MPP_BANYUWANGI] },
  { agency: 'bpn', template: 'peralihan-hak-tanah', locations: ['Kantor Pertanahan Kabupaten Banyuwangi', MPP_BANYUWANGI] },
  { agency: 'bpn', template: 'pengecekan-sertifikat', locations: ['Kantor Pertanahan Kabupaten Banyuwangi', MPP_BANYUWANGI] },
  { agency: 'disnaker', template: 'kartu-kuning', locations: [MPP_BANYUWANGI, KANTOR_DESA] },
  { agency: 'disnaker', template: 'wlkp' },
  { agency: 'dinkes', template: 'slhs', override: { extraLegalBasis: [PERDA_PDRD] } },
];

export interface BuildTenantCatalogOptions {
  templates: readonly ServiceTemplate[];
}

/** The Banyuwangi services built from the templates; throws Error when an adoption names an unknown template or agency. */
export function buildBanyuwangiServices(options: BuildTenantCatalogOptions): TenantService[] {
  const byCode = new Map(options.templates.map((tpl) => [tpl.code, tpl]));
  return ADOPTIONS.map((adoption) => {
    const template = byCode.get(adoption.template);
    const agency = BANYUWANGI_AGENCIES.find((a) => a.slug === adoption.agency);
    if (!template || !agency) throw new Error(`unknown template ${adoption.template} or agency ${adoption.agency}`);
    const desa = template.standard.channels.includes('desa');
    return adoptTemplate({
      tenant: BANYUWANGI_CODE,
      agency: agency.slug,
      template,
      locations: adoption.locations ?? (desa ? [MPP_BANYUWANGI, KANTOR_DESA] : [MPP_BANYUWANGI]),
      local: mppLocalComponents(agency.name),
      override: adoption.override,
    });
  });
}
