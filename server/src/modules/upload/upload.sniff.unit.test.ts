import { describe, expect, it } from 'vitest';
import { acceptsMediaType, cleanFileName, sniffMediaType } from './upload.sniff.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'), 'image/png'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
  ])('recognises %s by its first bytes', (_name, content, type) => {
    expect(sniffMediaType(content)).toBe(type);
  });

  it.each([
    ['a Windows program', bytes('MZ', [0x90, 0, 3, 0])],
    ['an HTML page', bytes('<!doctype html><script>alert(1)</script>')],
    ['a ZIP (or .docx)', bytes('PK', [3, 4, 20, 0])],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e])],
    ['nothing', bytes('')],
  ])('refuses %s', (_name, content) => {
    expect(sniffMediaType(content)).toBeUndefined();
  });
});

describe('acceptsMediaType and cleanFileName', () => {
  it('matches exact types and wildcards', () => {
    expect(acceptsMediaType(['image/*'], 'image/png')).toBe(true);
    expect(acceptsMediaType(['application/pdf'], 'image/png')).toBe(false);
  });

  it('keeps the last path part and drops header-breaking characters', () => {
    expect(cleanFileName('C:\\Users\\warga\\KTP "asli".pdf', 'application/pdf')).toBe('KTP _asli_.pdf');
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(cleanFileName('', 'image/jpeg')).toBe('berkas.jpg');
    expect(cleanFileName('Akta\r\nSet-Cookie: x', 'application/pdf')).toBe('Akta__Set-Cookie_ x');
  });
});
