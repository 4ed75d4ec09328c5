import { describe, expect, it } from 'vitest';
import { IKM_ELEMENT_CODES } from '../ikm.ts';
import { SKM_EXPORT_COLUMNS, SKM_QUESTIONS, skmExportCsv, validateSkmAnswers } from './index.ts';

describe('SKM questionnaire', () => {
  it('has the nine elements in code order, four labels each', () => {
    expect(SKM_QUESTIONS.map((q) => q.code)).toEqual([...IKM_ELEMENT_CODES]);
    for (const q of SKM_QUESTIONS) {
      expect(q.labels).toHaveLength(4);
      expect(q.labelsEn).toHaveLength(4);
    }
  });

  it('accepts 1–4 and null, keyed by code', () => {
    expect(validateSkmAnswers({ U9: 4, U8: 1, U1: null })).toEqual({ ok: true, response: { U9: 4, U8: 1 } });
  });

  it('names every bad answer and profile value', () => {
    const result = validateSkmAnswers({ U1: 5, U2: '3', U10: 2 }, { sex: 'X' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => [i.code, i.field])).toEqual([
        ['SKM_ANSWER_RANGE', 'U1'],
        ['SKM_ANSWER_RANGE', 'U2'],
        ['SKM_ANSWER_UNKNOWN', 'U10'],
        ['SKM_PROFILE_UNKNOWN', 'sex'],
      ]);
    expect(validateSkmAnswers({})).toMatchObject({ ok: false, issues: [{ code: 'SKM_ANSWERS_EMPTY' }] });
  });
});

describe('SKM export', () => {
  it('writes the header, blanks for skipped answers, quotes and defuses formulas', () => {
    const csv = skmExportCsv([
      {
        id: 'r1',
        date: '2026-11-20',
        survey: 'SKM "MPP", 2026',
        agency: '=HYPERLINK("x")',
        location: '',
        service: '',
        channel: 'paper',
        ageBand: '30-39',
        sex: 'P',
        education: 's1',
        occupation: 'swasta',
        answers: { U1: 4, U3: 2 },
      },
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(SKM_EXPORT_COLUMNS.join(','));
    expect(row).toBe(`r1,2026-11-20,"SKM ""MPP"", 2026","'=HYPERLINK(""x"")",,,paper,30-39,P,s1,swasta,4,,2,,,,,,`);
  });
});
