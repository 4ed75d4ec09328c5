import { describe, expect, it } from 'vitest';
import { NATIONAL_TEMPLATES } from './data/index.ts';
import { indonesianPath, validateServiceStandard } from './standard-validate.ts';
import { STANDARD_COMPONENTS, publishedComponents } from './standard.ts';

const akta = NATIONAL_TEMPLATES.find((tpl) => tpl.code === 'akta-kelahiran')!.standard;
const codes = (input: unknown, scope: 'template' | 'tenant' = 'template') => {
  const result = validateServiceStandard(input, { scope });
  return result.ok ? [] : result.issues.map((i) => `${i.code}@${i.path}`);
};

describe('service standard components', () => {
  it('lists 14 components, 6 published, the 8 internal names marked unverified', () => {
    expect(STANDARD_COMPONENTS).toHaveLength(14);
    expect(publishedComponents().map((c) => c.key)).toEqual([
      'requirements',
      'procedure',
      'serviceTime',
      'fee',
      'product',
      'complaints',
    ]);
    expect(STANDARD_COMPONENTS.filter((c) => !c.published).every((c) => !c.nameVerified)).toBe(true);
  });
});

describe('validateServiceStandard', () => {
  it('accepts a template and asks a tenant for the internal components', () => {
    expect(codes(akta)).toEqual([]);
    expect(codes(akta, 'tenant')).toContain('STANDARD_FIELD_REQUIRED@facilities');
    expect(codes(akta, 'tenant')).toHaveLength(7);
  });

  it('rejects a fee without a legal basis, naming the path in both languages', () => {
    const result = validateServiceStandard({ ...akta, fee: { kind: 'gratis' } }, { scope: 'template' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ code: 'STANDARD_FEE_BASIS_MISSING', path: 'fee.basis' })]);
    expect(result.issues[0]!.message).toMatch(/^biaya\.dasarHukum: /);
    expect(result.issues[0]!.messageEn).toMatch(/^fee\.basis: /);
  });

  it('rejects an SLA without a unit or with an unknown one', () => {
    expect(codes({ ...akta, serviceTime: { amount: 5 } })).toEqual(['STANDARD_SLA_UNIT_MISSING@serviceTime.unit']);
    expect(codes({ ...akta, serviceTime: { amount: 5, unit: 'weeks' } })).toEqual(['STANDARD_SLA_UNIT_UNKNOWN@serviceTime.unit']);
    expect(codes({ ...akta, serviceTime: { amount: 1.5, unit: 'working_days' } })).toEqual([
      'STANDARD_SLA_AMOUNT_INVALID@serviceTime.amount',
    ]);
    expect(codes({ ...akta, serviceTime: { amount: 1.5, unit: 'hours' } })).toEqual([]);
  });

  it('checks fee amounts, formulas, requirements, channels and approval', () => {
    expect(codes({ ...akta, fee: { kind: 'tarif', amount: 0, basis: 'PP' } })).toEqual([
      'STANDARD_FEE_AMOUNT_INVALID@fee.amount',
    ]);
    expect(codes({ ...akta, fee: { kind: 'tarif', amount: 1.5, basis: 'PP' } })).toEqual([
      'STANDARD_FEE_AMOUNT_INVALID@fee.amount',
    ]);
    expect(codes({ ...akta, fee: { kind: 'variabel', basis: 'Perda' } })).toEqual(['STANDARD_FEE_FORMULA_MISSING@fee.formula']);
    expect(codes({ ...akta, fee: { kind: 'mahal', basis: 'x' } })).toEqual(['STANDARD_FEE_KIND_UNKNOWN@fee.kind']);
    expect(codes({ ...akta, requirements: [{ document: { id: 'KK' }, form: 'salinan', count: 0 }] })).toEqual([
      'STANDARD_VALUE_UNKNOWN@requirements[0].form',
      'STANDARD_REQUIREMENT_COUNT_INVALID@requirements[0].count',
    ]);
    expect(codes({ ...akta, channels: ['online', 'online', 'pos'] })).toEqual([
      'STANDARD_CHANNEL_DUPLICATE@channels[1]',
      'STANDARD_VALUE_UNKNOWN@channels[2]',
    ]);
    expect(codes({ ...akta, procedure: [] })).toEqual(['STANDARD_LIST_EMPTY@procedure']);
    expect(validateServiceStandard({ ...akta }, { scope: 'template', requireApproval: true }).ok).toBe(false);
    expect(codes({ ...akta, approval: { approvedBy: 'Kepala Dinas', approvedOn: '2026-02-30' } })).toEqual([
      'STANDARD_DATE_INVALID@approval.approvedOn',
    ]);
    expect(codes('nope')).toEqual(['STANDARD_NOT_OBJECT@']);
  });

  it('translates paths to Indonesian segment by segment', () => {
    expect(indonesianPath('requirements[2].count')).toBe('persyaratan[2].jumlah');
    expect(indonesianPath('serviceTime.unit')).toBe('jangkaWaktu.satuan');
  });
});
