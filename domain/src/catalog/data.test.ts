import { describe, expect, it } from 'vitest';
import { BANYUWANGI_AGENCIES, BANYUWANGI_SERVICES, FORM_DEFINITIONS, NATIONAL_TEMPLATES } from './data/index.ts';
import { validateFormDefinition } from './form-definition.ts';
import { validateServiceStandard } from './standard-validate.ts';

describe('catalog data', () => {
  it('every national template is a valid standard with search words', () => {
    for (const template of NATIONAL_TEMPLATES) {
      const result = validateServiceStandard(template.standard, { scope: 'template' });
      expect(result.ok ? [] : result.issues, template.code).toEqual([]);
      expect(template.search.synonyms.length, template.code).toBeGreaterThan(0);
    }
    expect(new Set(NATIONAL_TEMPLATES.map((t) => t.code)).size).toBe(NATIONAL_TEMPLATES.length);
  });

  it('every form definition is valid and every template form exists', () => {
    for (const form of FORM_DEFINITIONS) {
      const result = validateFormDefinition(form);
      expect(result.ok ? [] : result.issues, form.id).toEqual([]);
    }
    const ids = new Set(FORM_DEFINITIONS.map((f) => f.id));
    for (const template of NATIONAL_TEMPLATES) if (template.formId) expect(ids.has(template.formId), template.code).toBe(true);
    expect([...ids].sort()).toEqual(['akta-kelahiran', 'kartu-keluarga', 'ktp-el', 'nib', 'skck']);
  });

  it('Banyuwangi has ≥ 10 agencies and ≥ 40 full, valid services', () => {
    expect(BANYUWANGI_AGENCIES.length).toBeGreaterThanOrEqual(10);
    expect(BANYUWANGI_SERVICES.length).toBeGreaterThanOrEqual(40);
    const slugs = new Set(BANYUWANGI_AGENCIES.map((a) => a.slug));
    for (const service of BANYUWANGI_SERVICES) {
      const result = validateServiceStandard(service.standard);
      expect(result.ok ? [] : result.issues, service.standard.code).toEqual([]);
      expect(slugs.has(service.agency)).toBe(true);
      expect(service.tenant).toBe('35.10');
    }
    expect(new Set(BANYUWANGI_SERVICES.map((s) => s.standard.code)).size).toBe(BANYUWANGI_SERVICES.length);
    for (const slug of slugs)
      expect(
        BANYUWANGI_SERVICES.some((s) => s.agency === slug),
        slug,
      ).toBe(true);
  });

  it('every adminduk service is free with a legal basis (UU 24/2013 Pasal 79A)', () => {
    const adminduk = NATIONAL_TEMPLATES.filter((t) => t.sector === 'adminduk');
    expect(adminduk.length).toBeGreaterThanOrEqual(10);
    for (const template of adminduk) {
      expect(template.standard.fee.kind).toBe('gratis');
      expect(template.standard.fee.basis).toContain('Pasal 79A');
    }
    for (const service of BANYUWANGI_SERVICES.filter((s) => s.agency === 'disdukcapil'))
      expect(service.standard.fee.kind).toBe('gratis');
  });

  it('marks remembered facts: a fee or time without a source is never claimed verified', () => {
    for (const template of NATIONAL_TEMPLATES) {
      const { fee, serviceTime } = template.standard;
      if (fee.verified) expect(fee.source, template.code).toBeTruthy();
      expect(serviceTime.verified, template.code).not.toBe(true);
    }
  });
});
