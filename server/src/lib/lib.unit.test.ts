import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickLanguage } from './language.ts';
import { redactPersonalData } from './redact.ts';

describe('redactPersonalData', () => {
  it.each([
    ['nik=3510014708900001&x=1', 'nik=[NIK]&x=1'],
    ['call +62 812-3456-7890 now', 'call [PHONE] now'],
    ['hp 081234567890', 'hp [PHONE]'],
    ['mail budi.s@contoh.go.id', 'mail [EMAIL]'],
    ['encoded budi%40contoh.id', 'encoded [EMAIL]'],
  ])('masks %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('leaves region codes, dates and short numbers alone', () => {
    const text = 'region 35.10.01.2001 on 2026-11-22, 200 ok, id 123456789012345';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('masks any 16-digit number wherever it stands', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{16}$/), fc.string(), (before, nik, after) => {
        const safeBefore = before.replace(/\d/g, 'x');
        const safeAfter = after.replace(/\d/g, 'x');
        expect(redactPersonalData(`${safeBefore}${nik}${safeAfter}`)).not.toContain(nik);
      }),
    );
  });
});

describe('pickLanguage', () => {
  it.each([
    [undefined, undefined, 'id'],
    ['en-US,en;q=0.9', undefined, 'en'],
    ['id-ID,id;q=0.9,en;q=0.8', undefined, 'id'],
    ['fr-FR,en;q=0.5', undefined, 'en'],
    ['fr-FR,de', undefined, 'id'],
    ['en;q=0.2,id;q=0.8', undefined, 'id'],
    ['en', 'id', 'id'],
    [undefined, 'en', 'en'],
    ['en', 'xx', 'en'],
  ])('Accept-Language %s, cookie %s → %s', (header, cookie, expected) => {
    expect(pickLanguage(header, cookie)).toBe(expected);
  });
});
