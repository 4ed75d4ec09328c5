import { describe, expect, it } from 'vitest';
import { canonicalJson, changedComponents } from './standard-diff.ts';

const base = {
  code: 'akta',
  version: 1,
  name: { id: 'Akta', en: 'Certificate' },
  fee: { kind: 'gratis', basis: 'UU 24/2013' },
  requirements: [{ document: { id: 'KK' }, form: 'asli', count: 1 }],
  approval: { approvedBy: 'A', approvedOn: '2026-11-01' },
};

describe('changedComponents', () => {
  it('names the components that differ and ignores version, approval and key order', () => {
    const reordered = {
      requirements: [{ count: 1, form: 'asli', document: { id: 'KK' } }],
      fee: { basis: 'UU 24/2013', kind: 'gratis' },
      name: { en: 'Certificate', id: 'Akta' },
      code: 'akta',
      version: 2,
      approval: { approvedBy: 'B', approvedOn: '2026-11-22' },
    };
    expect(changedComponents(base, reordered)).toEqual([]);
    const changed = {
      ...base,
      fee: { kind: 'tarif', amount: 5000, basis: 'Perda 1/2026' },
      requirements: [...base.requirements, { document: { id: 'KTP' }, form: 'fotokopi', count: 1 }],
      channels: ['online'],
    };
    expect(changedComponents(base, changed)).toEqual(['channels', 'requirements', 'fee']);
    expect(changedComponents(undefined, base)).toEqual(['name', 'requirements', 'fee']);
  });

  it('writes canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: null }] })).toBe('{"a":[{"c":null}],"b":1}');
  });
});
