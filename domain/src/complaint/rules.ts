/**
 * Complaint handling rules (REFERENCE §5, SP4N-LAPOR!). The numbers that come from regulation or
 * practice are data in COMPLAINT_RULES, each with its source, so a tenant or a later regulation
 * changes a row, not the code.
 */

export type ComplaintKind = 'pengaduan' | 'aspirasi' | 'permintaan_informasi';
export const COMPLAINT_KINDS: readonly ComplaintKind[] = ['pengaduan', 'aspirasi', 'permintaan_informasi'];

/** How much work the answer needs; sets the response deadline. */
export type ComplaintResponseClass = 'ringan' | 'sedang' | 'berat';
export const COMPLAINT_RESPONSE_CLASSES: readonly ComplaintResponseClass[] = ['ringan', 'sedang', 'berat'];

export interface ComplaintRules {
  /** Working days for the admin koordinator to verify a new complaint. */
  verifyDays: number;
  /** Working days for the disposed agency to answer, by response class, counted from verification. */
  responseDays: Readonly<Record<ComplaintResponseClass, number>>;
  /** Working days after the answer during which the citizen may reopen the complaint. */
  reopenDays: number;
  /** How many times a complaint may be reopened. */
  maxReopens: number;
  sources: readonly string[];
}

export const COMPLAINT_RULES: ComplaintRules = {
  verifyDays: 3,
  responseDays: { ringan: 5, sedang: 14, berat: 60 },
  reopenDays: 10,
  maxReopens: 2,
  sources: [
    'verifyDays 3 hk: SP4N-LAPOR! FAQ (REFERENCE §5 [V:S26])',
    'responseDays 5 / 14 / 60 hk: issue 8; typical unit SLAs normatif 5 hk, without supervisory content 14 hk, needing examination 60 hk (REFERENCE §5 [V:S30]); UU 25/2009 written complaint ≤14 days [M]',
    'reopenDays 10 hk and maxReopens 2: Layan defaults, not a regulation; tenants may change them',
  ],
};

/**
 * Evidence a reporter may attach when filing (docs/COMPLAINTS.md, "Evidence"): how many files, how
 * large each, and which types (sniffed from the content, never taken from the name). Layan
 * defaults, not a regulation.
 */
export const COMPLAINT_EVIDENCE = {
  maxFiles: 5,
  maxBytes: 5 * 1024 * 1024,
  mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'],
} as const;

export interface ComplaintCategory {
  code: string;
  name: string;
  nameEn: string;
  /** The class a verifier starts from; they may change it when verifying. */
  defaultClass: ComplaintResponseClass;
}

/** Subject categories offered on the form, as data (LAPOR!-style topics; Layan's list). */
export const COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = [
  { code: 'administrasi_kependudukan', name: 'Administrasi kependudukan', nameEn: 'Civil registration', defaultClass: 'ringan' },
  { code: 'perizinan', name: 'Perizinan dan nonperizinan', nameEn: 'Permits and licences', defaultClass: 'sedang' },
  { code: 'perilaku_petugas', name: 'Perilaku petugas', nameEn: 'Staff conduct', defaultClass: 'sedang' },
  { code: 'pungutan_liar', name: 'Pungutan liar atau biaya tidak resmi', nameEn: 'Illegal fees', defaultClass: 'berat' },
  { code: 'waktu_layanan', name: 'Waktu penyelesaian layanan', nameEn: 'Service time', defaultClass: 'ringan' },
  { code: 'sarana_prasarana', name: 'Sarana dan prasarana', nameEn: 'Facilities', defaultClass: 'sedang' },
  { code: 'informasi', name: 'Informasi layanan', nameEn: 'Service information', defaultClass: 'ringan' },
  { code: 'kesehatan', name: 'Kesehatan', nameEn: 'Health', defaultClass: 'sedang' },
  { code: 'pendidikan', name: 'Pendidikan', nameEn: 'Education', defaultClass: 'sedang' },
  {
    code: 'infrastruktur',
    name: 'Infrastruktur dan lingkungan',
    nameEn: 'Infrastructure and environment',
    defaultClass: 'berat',
  },
  { code: 'lainnya', name: 'Lainnya', nameEn: 'Other', defaultClass: 'sedang' },
];

/** The category with `code`, or undefined. */
export function findComplaintCategory(code: string): ComplaintCategory | undefined {
  return COMPLAINT_CATEGORIES.find((c) => c.code === code);
}

/** The citizen's rating of the answer, 1–4, worded like the SKM scale. */
export const COMPLAINT_RATING_LABELS: Readonly<Record<1 | 2 | 3 | 4, { id: string; en: string }>> = {
  1: { id: 'Tidak puas', en: 'Dissatisfied' },
  2: { id: 'Kurang puas', en: 'Somewhat dissatisfied' },
  3: { id: 'Puas', en: 'Satisfied' },
  4: { id: 'Sangat puas', en: 'Very satisfied' },
};
