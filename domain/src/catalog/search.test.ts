import { describe, expect, it } from 'vitest';
import { BANYUWANGI_SERVICES } from './data/index.ts';
import { editDistance, expandQuery, rankServices, scoreServiceMatch, stemWord } from './search.ts';

const services = BANYUWANGI_SERVICES.map((s) => ({
  code: s.standard.code,
  names: [s.standard.name],
  synonyms: s.search.synonyms,
  keywords: s.search.keywords,
}));
const top = (query: string) => rankServices({ query, services, limit: 3 }).map((r) => r.service.code);

describe('stemWord', () => {
  it.each([
    ['pembuatan', 'buat'],
    ['perpanjangan', 'panjang'],
    ['memperpanjang', 'panjang'],
    ['kelahiran', 'lahir'],
    ['pendaftaran', 'daftar'],
    ['mengurus', 'urus'],
    ['penerbitan', 'terbit'],
    ['kematian', 'mati'],
    ['pengesahan', 'sah'],
    ['perkawinan', 'kawin'],
    ['pemeriksaan', 'periksa'],
    ['mengemudi', 'kemudi'],
    ['berusaha', 'usaha'],
  ])('%s → %s', (word, stem) => expect(stemWord(word)).toBe(stem));

  it('leaves words alone when no known root remains (conservative)', () => {
    for (const word of ['pajak', 'paspor', 'bangunan', 'menyurat', 'ganti', 'mati', 'legalisir']) {
      expect(stemWord(word)).toBe(word === 'bangunan' ? 'bangun' : word);
    }
  });
});

describe('editDistance', () => {
  it('counts a neighbour swap as one edit and stops early', () => {
    expect(editDistance('paspor', 'pasport')).toBe(1);
    expect(editDistance('akta', 'atka')).toBe(1);
    expect(editDistance('kelahiran', 'kelhairan')).toBe(1);
    expect(editDistance('abc', 'xyzuvw', 1)).toBe(2);
  });
});

describe('expandQuery', () => {
  it('maps citizen words to canonical terms and phrases', () => {
    expect(expandQuery('bikin ktp').terms).toEqual(['buat', 'ktp_el']);
    expect(expandQuery('Saya mau urus e-KTP yang hilang').terms).toEqual(['buat', 'ktp_el', 'ganti']);
    expect(expandQuery('akta lahir anak').terms).toEqual(['akta_kelahiran', 'anak']);
    expect(expandQuery('akte kelahiran').terms).toEqual(['akta_kelahiran']);
    expect(expandQuery('perpanjang sim').terms).toEqual(['panjang', 'sim']);
    expect(expandQuery('surat izin mengemudi').terms).toEqual(['sim']);
    expect(expandQuery('ijin usaha').terms).toEqual(['izin_usaha']);
    expect(expandQuery('bpjs kesehatan').terms).toEqual(['bpjs_kesehatan', 'bpjs']);
    expect(expandQuery('pasport').terms).toEqual(['paspor']);
    expect(expandQuery('akte kelahirn').terms).toEqual(['akta_kelahiran']);
    expect(expandQuery('sim').phrases).toContain('surat izin mengemudi');
    expect(expandQuery('   ')).toEqual({ terms: [], phrases: [] });
  });
});

describe('ranking the Banyuwangi catalog', () => {
  it('puts the right service first', () => {
    expect(top('bikin ktp')[0]).toBe('ktp-el-baru');
    expect(top('akta lahir anak')[0]).toBe('akta-kelahiran');
    expect(top('perpanjang sim')[0]).toMatch(/^sim-[ac]-perpanjangan$/);
    expect(top('perpanjang sim').slice(0, 2).sort()).toEqual(['sim-a-perpanjangan', 'sim-c-perpanjangan']);
    expect(top('izin usaha')[0]).toBe('nib-oss');
    expect(top('pasport')[0]).toMatch(/^paspor-/);
    expect(top('ktp hilang')[0]).toBe('ktp-el-ganti');
    expect(top('cairkan jht')[0]).toBe('jht-klaim');
    expect(top('bayar pajak motor')[0]).toBe('pkb-tahunan');
    expect(top('balik nama sertifikat')[0]).toBe('peralihan-hak-tanah');
    expect(top('daftar nikah')[0]).toBe('nikah-kua');
    expect(top('surat kelakuan baik')[0]).toMatch(/^skck-/);
  });

  it('scores nothing for unrelated text and does not let short codes absorb longer words', () => {
    expect(scoreServiceMatch('resep rendang', services[0]!)).toBe(0);
    expect(top('bikin ktp')).not.toContain('bpjs-kesehatan-faskes');
  });
});
