/**
 * SPBE / Pemdi evaluation frameworks as data (REFERENCE §2): framework → domain → aspect →
 * indicator, weights in percent of the whole index. Each weight says whether a public copy
 * confirmed it; unconfirmed ones ([M]) are flagged so a reviewer can fix this file alone.
 */

export type SpbeCapability = 'proses' | 'fitur';

export interface SpbeIndicator {
  number: number;
  /** Short name; the full one is "Tingkat Kematangan …" plus this. */
  name: string;
  /** Percent of the whole index. */
  weight: number;
  capability: SpbeCapability;
}

export interface SpbeAspect {
  number: number;
  name: string;
  weight: number;
  weightVerified: boolean;
  indicators: readonly SpbeIndicator[];
}

export interface SpbeDomain {
  number: number;
  name: string;
  weight: number;
  weightVerified: boolean;
  aspects: readonly SpbeAspect[];
}

export interface SpbeFramework {
  id: string;
  name: string;
  regulation: string;
  /** False when any part of the structure or weights is unconfirmed. */
  verified: boolean;
  /** What is known to be missing or uncertain, in plain words. */
  notes: readonly string[];
  /** 'aspect' when indicators are unknown and levels are entered per aspect. */
  scoredUnit: 'indicator' | 'aspect';
  levelNames: Readonly<Record<SpbeCapability, readonly string[]>>;
  domains: readonly SpbeDomain[];
}

export interface SpbePredicate {
  name: string;
  nameEn: string;
  /** Lowest index (2 decimals) in the band; read top-down. */
  min: number;
}

/** [V:S7,S8] Same bands for SPBE 2020 and Pemdi. */
export const SPBE_PREDICATES: readonly SpbePredicate[] = [
  { name: 'Memuaskan', nameEn: 'Satisfactory', min: 4.2 },
  { name: 'Sangat Baik', nameEn: 'Very good', min: 3.5 },
  { name: 'Baik', nameEn: 'Good', min: 2.6 },
  { name: 'Cukup', nameEn: 'Fair', min: 1.8 },
  { name: 'Kurang', nameEn: 'Poor', min: 0 },
];

const PROCESS_LEVELS = ['Rintisan', 'Terkelola', 'Terdefinisi', 'Terpadu dan Terukur', 'Optimum'];
// Only 'Transaksi' is confirmed [V:S6]; the other feature-level names are [M].
const FEATURE_LEVELS = ['Informasi', 'Interaksi', 'Transaksi', 'Kolaborasi', 'Optimum'];

interface AspectSeed {
  name: string;
  weight: number;
  weightVerified: boolean;
  capability: SpbeCapability;
  indicators: string[];
}

/** Builds aspects numbered in order and indicators numbered across the framework. */
function numbered(
  domains: Array<{ name: string; weight: number; weightVerified: boolean; aspects: AspectSeed[] }>,
): SpbeDomain[] {
  let aspectNo = 0;
  let indicatorNo = 0;
  return domains.map((d, i) => ({
    number: i + 1,
    name: d.name,
    weight: d.weight,
    weightVerified: d.weightVerified,
    aspects: d.aspects.map((a) => ({
      number: ++aspectNo,
      name: a.name,
      weight: a.weight,
      weightVerified: a.weightVerified,
      // Equal shares within an aspect; held in hundredths of a percent so 27.5 / 10 = 2.75 exactly.
      indicators: a.indicators.map((name) => ({
        number: ++indicatorNo,
        name,
        weight: Math.round((a.weight * 100) / a.indicators.length) / 100,
        capability: a.capability,
      })),
    })),
  }));
}

const SPBE_2020: SpbeFramework = {
  id: 'spbe-2020',
  name: 'Evaluasi SPBE (PermenPAN-RB 59/2020)',
  regulation: 'PermenPAN-RB Nomor 59 Tahun 2020 tentang Pemantauan dan Evaluasi SPBE',
  verified: false,
  notes: [
    'Weights of Layanan (45.5), Penerapan Manajemen (12), Layanan Administrasi (27.5) and Layanan Publik (18) are confirmed; the others are from memory [M].',
    'Indicator weight = aspect weight / number of indicators in the aspect.',
    'Feature-level names other than Transaksi are unconfirmed.',
  ],
  scoredUnit: 'indicator',
  levelNames: { proses: PROCESS_LEVELS, fitur: FEATURE_LEVELS },
  domains: numbered([
    {
      name: 'Kebijakan Internal SPBE',
      weight: 13,
      weightVerified: false,
      aspects: [
        {
          name: 'Kebijakan Internal Tata Kelola SPBE',
          weight: 13,
          weightVerified: false,
          capability: 'proses',
          indicators: [
            'Kebijakan Internal Arsitektur SPBE',
            'Kebijakan Internal Peta Rencana SPBE',
            'Kebijakan Internal Manajemen Data',
            'Kebijakan Internal Pembangunan Aplikasi SPBE',
            'Kebijakan Internal Layanan Pusat Data',
            'Kebijakan Internal Layanan Jaringan Intra',
            'Kebijakan Internal Penggunaan Sistem Penghubung Layanan',
            'Kebijakan Internal Manajemen Keamanan Informasi',
            'Kebijakan Internal Audit TIK',
            'Kebijakan Internal Tim Koordinasi SPBE',
          ],
        },
      ],
    },
    {
      name: 'Tata Kelola SPBE',
      weight: 25,
      weightVerified: false,
      aspects: [
        {
          name: 'Perencanaan Strategis SPBE',
          weight: 10,
          weightVerified: false,
          capability: 'proses',
          indicators: [
            'Arsitektur SPBE',
            'Peta Rencana SPBE',
            'Keterpaduan Rencana dan Anggaran SPBE',
            'Inovasi Proses Bisnis SPBE',
          ],
        },
        {
          name: 'Teknologi Informasi dan Komunikasi',
          weight: 10,
          weightVerified: false,
          capability: 'proses',
          indicators: [
            'Pembangunan Aplikasi SPBE',
            'Layanan Pusat Data',
            'Layanan Jaringan Intra',
            'Penggunaan Sistem Penghubung Layanan',
          ],
        },
        {
          name: 'Penyelenggara SPBE',
          weight: 5,
          weightVerified: false,
          capability: 'proses',
          indicators: ['Tim Koordinasi SPBE', 'Kolaborasi Penerapan SPBE'],
        },
      ],
    },
    {
      name: 'Manajemen SPBE',
      weight: 16.5,
      weightVerified: false,
      aspects: [
        {
          name: 'Penerapan Manajemen SPBE',
          weight: 12,
          weightVerified: true,
          capability: 'proses',
          indicators: [
            'Penerapan Manajemen Risiko SPBE',
            'Penerapan Manajemen Keamanan Informasi',
            'Penerapan Manajemen Data',
            'Penerapan Manajemen Aset TIK',
            'Penerapan Kompetensi Sumber Daya Manusia',
            'Penerapan Manajemen Pengetahuan',
            'Penerapan Manajemen Perubahan',
            'Penerapan Manajemen Layanan SPBE',
          ],
        },
        {
          name: 'Pelaksanaan Audit TIK',
          weight: 4.5,
          weightVerified: false,
          capability: 'proses',
          indicators: [
            'Pelaksanaan Audit Infrastruktur SPBE',
            'Pelaksanaan Audit Aplikasi SPBE',
            'Pelaksanaan Audit Keamanan SPBE',
          ],
        },
      ],
    },
    {
      name: 'Layanan SPBE',
      weight: 45.5,
      weightVerified: true,
      aspects: [
        {
          name: 'Layanan Administrasi Pemerintahan Berbasis Elektronik',
          weight: 27.5,
          weightVerified: true,
          capability: 'fitur',
          indicators: [
            'Layanan Perencanaan',
            'Layanan Penganggaran',
            'Layanan Keuangan',
            'Layanan Pengadaan Barang dan Jasa',
            'Layanan Kepegawaian',
            'Layanan Kearsipan Dinamis',
            'Layanan Pengelolaan Barang Milik Negara/Daerah',
            'Layanan Pengawasan Internal Pemerintah',
            'Layanan Akuntabilitas Kinerja Organisasi',
            'Layanan Kinerja Pegawai',
          ],
        },
        {
          name: 'Layanan Publik Berbasis Elektronik',
          weight: 18,
          weightVerified: true,
          capability: 'fitur',
          indicators: [
            'Layanan Pengaduan Pelayanan Publik',
            'Layanan Data Terbuka',
            'Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)',
            'Layanan Publik Sektor 1',
            'Layanan Publik Sektor 2',
            'Layanan Publik Sektor 3',
          ],
        },
      ],
    },
  ]),
};

const PEMDI_2025: SpbeFramework = {
  id: 'pemdi-2025',
  name: 'Indeks Pemerintah Digital (Pemdi)',
  regulation: 'Surat MenPAN-RB B/66/PD.02/2025 (21 April 2025) — known from a third-party summary only',
  verified: false,
  notes: [
    'UNVERIFIED: structure from a third-party summary of Surat MenPAN-RB B/66/PD.02/2025.',
    'The 35 indicators and any domain grouping are not known; levels are entered per aspect (numbers 1–9).',
    'A conflicting document cites "PermenPAN-RB 8/2026" with 20 indicators in 7 aspects.',
    '2025 evaluations still used the 47 SPBE-2020 indicators; Pemdi applies from 2026.',
  ],
  scoredUnit: 'aspect',
  levelNames: {
    proses: ['Rintisan', 'Terkelola', 'Terstandarisasi', 'Terintegrasi-Terpadu dan Terukur', 'Optimum'],
    fitur: ['Rintisan', 'Terkelola', 'Terstandarisasi', 'Terintegrasi-Terpadu dan Terukur', 'Optimum'],
  },
  domains: [
    {
      number: 1,
      name: 'Pemerintah Digital (pengelompokan domain belum diketahui)',
      weight: 100,
      weightVerified: false,
      aspects: (
        [
          ['Strategi dan Rencana', 5],
          ['Tata Kelola dan Manajemen', 5],
          ['Teknologi Digital', 20],
          ['Audit Teknologi Digital', 6],
          ['Keamanan Siber', 9],
          ['Kapabilitas dan Budaya Digital', 10],
          ['Data', 10],
          ['Keterpaduan Layanan Digital', 15],
          ['Kepuasan Pengguna', 20],
        ] as const
      ).map(([name, weight], i) => ({
        number: i + 1,
        name,
        weight,
        weightVerified: false,
        // One stand-in indicator per aspect, numbered like the aspect, until the 35 are known.
        indicators: [{ number: i + 1, name: `${name} (tingkat aspek)`, weight, capability: 'proses' as const }],
      })),
    },
  ],
};

export const SPBE_FRAMEWORKS: readonly SpbeFramework[] = [SPBE_2020, PEMDI_2025];

/** The framework with this id, or undefined. */
export function findSpbeFramework(id: string): SpbeFramework | undefined {
  return SPBE_FRAMEWORKS.find((f) => f.id === id);
}

/** The framework with this id. Throws RangeError when there is none. */
export function getSpbeFramework(id: string): SpbeFramework {
  const framework = findSpbeFramework(id);
  if (!framework) throw new RangeError(`unknown SPBE framework "${id}" (known: ${SPBE_FRAMEWORKS.map((f) => f.id).join(', ')})`);
  return framework;
}

/** Every indicator of a framework in number order, with its aspect and domain. */
export function listSpbeIndicators(
  framework: SpbeFramework,
): Array<{ indicator: SpbeIndicator; aspect: SpbeAspect; domain: SpbeDomain }> {
  return framework.domains.flatMap((domain) =>
    domain.aspects.flatMap((aspect) => aspect.indicators.map((indicator) => ({ indicator, aspect, domain }))),
  );
}
