/**
 * Interface text in Bahasa Indonesia (default) and English. Keys are grouped by page; a missing
 * English text falls back to Indonesian rather than showing a key.
 */
export type { Lang } from '@layan/domain';
import type { Lang } from '@layan/domain';

const messages = {
  'site.name': { id: 'Layan', en: 'Layan' },
  'site.tagline': {
    id: 'Layanan publik digital untuk setiap daerah',
    en: 'Digital public services for every region',
  },
  'nav.skip': { id: 'Langsung ke isi utama', en: 'Skip to main content' },
  'nav.home': { id: 'Beranda', en: 'Home' },
  'nav.regions': { id: 'Wilayah', en: 'Regions' },
  'nav.api': { id: 'Dokumentasi API', en: 'API documentation' },
  'nav.main': { id: 'Navigasi utama', en: 'Main navigation' },
  'lang.label': { id: 'Bahasa', en: 'Language' },
  'lang.switch': { id: 'English', en: 'Bahasa Indonesia' },
  'lang.switchTitle': { id: 'Ganti bahasa ke English', en: 'Switch language to Bahasa Indonesia' },
  'footer.data': {
    id: 'Data wilayah: kode Kemendagri dari idn-area-data, lisensi Open Database License (ODbL).',
    en: 'Region data: Kemendagri codes from idn-area-data, under the Open Database License (ODbL).',
  },
  'footer.license': { id: 'Layan adalah perangkat lunak terbuka.', en: 'Layan is open software.' },
  'home.title': { id: 'Semua layanan daerah Anda di satu tempat', en: 'All your region’s services in one place' },
  'home.lead': {
    id: 'Layan menghadirkan layanan semua instansi di daerah Anda dalam satu tempat: secara daring, di loket Mal Pelayanan Publik, atau dibantu di kantor desa — hingga ke daerah 3T.',
    en: 'Layan brings the services of every agency in your region to one place: online, at a Public Service Mall counter, or assisted at the village office — reaching the remote 3T areas too.',
  },
  'home.demoTenant': { id: 'Daerah percontohan', en: 'Demo region' },
  'home.regionsTitle': { id: 'Wilayah Indonesia', en: 'Indonesia’s regions' },
  'home.regionsLead': {
    id: 'Pohon wilayah resmi Kemendagri: provinsi, kabupaten/kota, kecamatan, desa/kelurahan.',
    en: 'The official Kemendagri region tree: provinces, regencies/cities, districts, villages.',
  },
  'home.browse': { id: 'Jelajahi wilayah', en: 'Browse regions' },
  'level.provinsi': { id: 'Provinsi', en: 'Provinces' },
  'level.kabupaten_kota': { id: 'Kabupaten/Kota', en: 'Regencies/Cities' },
  'level.kecamatan': { id: 'Kecamatan', en: 'Districts' },
  'level.desa_kelurahan': { id: 'Desa/Kelurahan', en: 'Villages' },
  'level1.provinsi': { id: 'Provinsi', en: 'Province' },
  'level1.kabupaten_kota': { id: 'Kabupaten/Kota', en: 'Regency/City' },
  'level1.kecamatan': { id: 'Kecamatan', en: 'District' },
  'level1.desa_kelurahan': { id: 'Desa/Kelurahan', en: 'Village' },
  'kind.provinsi': { id: 'Provinsi', en: 'Province' },
  'kind.kabupaten': { id: 'Kabupaten', en: 'Regency' },
  'kind.kota': { id: 'Kota', en: 'City' },
  'kind.kecamatan': { id: 'Kecamatan', en: 'District' },
  'kind.desa': { id: 'Desa', en: 'Village (desa)' },
  'kind.kelurahan': { id: 'Kelurahan', en: 'Urban village (kelurahan)' },
  'regions.title': { id: 'Wilayah', en: 'Regions' },
  'regions.searchLabel': {
    id: 'Cari desa, kecamatan, kabupaten/kota, atau provinsi',
    en: 'Search a village, district, regency/city or province',
  },
  'regions.searchHint': {
    id: 'Ketik minimal 2 huruf, misalnya “Sukamaju”.',
    en: 'Type at least 2 letters, for example “Sukamaju”.',
  },
  'regions.levelLabel': { id: 'Tingkat', en: 'Level' },
  'regions.anyLevel': { id: 'Semua tingkat', en: 'All levels' },
  'regions.search': { id: 'Cari', en: 'Search' },
  'regions.results': { id: 'Hasil pencarian', en: 'Search results' },
  'regions.noResults': { id: 'Tidak ada wilayah yang cocok dengan “{q}”.', en: 'No region matches “{q}”.' },
  'regions.resultCount': { id: '{n} hasil untuk “{q}”', en: '{n} results for “{q}”' },
  'regions.provinces': { id: 'Daftar provinsi', en: 'Provinces' },
  'regions.children': { id: 'Wilayah di bawahnya', en: 'Regions below' },
  'regions.noChildren': { id: 'Tidak ada wilayah di bawahnya.', en: 'No regions below this one.' },
  'regions.breadcrumb': { id: 'Jejak wilayah', en: 'Breadcrumb' },
  'regions.code': { id: 'Kode wilayah', en: 'Region code' },
  'regions.level': { id: 'Tingkat', en: 'Level' },
  'regions.timeZone': { id: 'Zona waktu', en: 'Time zone' },
  'regions.childCount': { id: 'Jumlah wilayah di bawahnya', en: 'Regions below' },
  'regions.flags': { id: 'Status 3T', en: '3T status' },
  'regions.flag.daerahTertinggal': { id: 'Daerah tertinggal', en: 'Underdeveloped region' },
  'regions.flag.pulauTerluar': { id: 'Memiliki pulau kecil terluar', en: 'Has an outermost small island' },
  'regions.flag.none': { id: 'Bukan daerah 3T menurut data yang dimuat', en: 'Not a 3T region in the loaded data' },
  'regions.inactive': {
    id: 'Kode ini tidak lagi dipakai dalam data terbaru.',
    en: 'This code is no longer used in the latest data.',
  },
  'regions.suggestions': { id: 'Saran wilayah', en: 'Region suggestions' },
  'regions.suggestionsCount': {
    id: '{n} saran tersedia. Gunakan panah atas/bawah.',
    en: '{n} suggestions available. Use the up and down arrows.',
  },
  'error.title': { id: 'Terjadi kesalahan', en: 'Something went wrong' },
  'error.notFound': { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  'error.back': { id: 'Kembali ke beranda', en: 'Back to home' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

/** The text for `key` in `lang`, with `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = messages[key][lang] ?? messages[key].id;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Formats a count the id-ID way (83.762) or the English way (83,762). */
export function formatCount(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(n);
}

/** The cookie the language switch sets (the API reads the same one). */
export const LANG_COOKIE = 'lang';
