import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/working-days.ts';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_RESPONSE_CLASSES,
  COMPLAINT_STATUSES,
  COMPLAINT_TRANSITIONS,
  availableComplaintActions,
  complaintDeadline,
  complaintTransition,
  makeComplaintCode,
  normalizeComplaintCode,
  runningStage,
} from './index.ts';

const calendar = createWorkCalendar({ timeZone: 'Asia/Jakarta' });

describe('complaint lifecycle', () => {
  it('walks the whole LAPOR! path and nothing else', () => {
    expect(complaintTransition('belum_terverifikasi', 'verify', 'coordinator')).toEqual({ ok: true, to: 'terverifikasi' });
    expect(complaintTransition('terverifikasi', 'dispose', 'coordinator')).toEqual({ ok: true, to: 'terdisposisi' });
    expect(complaintTransition('terdisposisi', 'dispose', 'agency')).toEqual({ ok: true, to: 'terdisposisi' });
    expect(complaintTransition('terdisposisi', 'follow_up', 'agency')).toEqual({ ok: true, to: 'ditindaklanjuti' });
    expect(complaintTransition('ditindaklanjuti', 'answer', 'agency')).toEqual({ ok: true, to: 'selesai' });
    expect(complaintTransition('selesai', 'reopen', 'reporter')).toEqual({ ok: true, to: 'terdisposisi' });
    expect(complaintTransition('belum_terverifikasi', 'answer', 'agency')).toMatchObject({ ok: false, reason: 'status' });
    expect(complaintTransition('belum_terverifikasi', 'verify', 'agency')).toMatchObject({ ok: false, reason: 'actor' });
  });

  it('ends bukan wewenang and diarsipkan for good', () => {
    for (const status of ['bukan_wewenang', 'diarsipkan'] as const)
      for (const actor of ['coordinator', 'agency', 'reporter'] as const)
        expect(availableComplaintActions(status, actor)).toEqual([]);
  });

  it('every transition leads to a known status from known statuses', () => {
    for (const action of COMPLAINT_ACTIONS) {
      const rule = COMPLAINT_TRANSITIONS[action];
      expect(COMPLAINT_STATUSES).toContain(rule.to);
      for (const from of rule.from) expect(COMPLAINT_STATUSES).toContain(from);
    }
  });

  it('names the running clock per status', () => {
    expect(runningStage('belum_terverifikasi')).toBe('verify');
    expect(runningStage('ditindaklanjuti')).toBe('respond');
    expect(runningStage('selesai')).toBeNull();
  });
});

describe('complaint deadlines', () => {
  it('counts working days in the tenant’s zone for each stage and class', () => {
    // Friday 13 Nov 2026, 16:00 WIB: the weekend does not count.
    const start = new Date('2026-11-13T16:00:00+07:00');
    expect(complaintDeadline({ calendar, stage: 'verify', start }).dueDate).toBe('2026-11-18');
    expect(complaintDeadline({ calendar, stage: 'respond', start, responseClass: 'ringan' }).dueDate).toBe('2026-11-20');
    expect(complaintDeadline({ calendar, stage: 'respond', start, responseClass: 'sedang' }).dueDate).toBe('2026-12-03');
    expect(() => complaintDeadline({ calendar, stage: 'respond', start })).toThrow(RangeError);
  });

  it('gives every category a class with a deadline', () => {
    for (const c of COMPLAINT_CATEGORIES) expect(COMPLAINT_RESPONSE_CLASSES).toContain(c.defaultClass);
    expect(new Set(COMPLAINT_CATEGORIES.map((c) => c.code)).size).toBe(COMPLAINT_CATEGORIES.length);
  });
});

describe('tracking codes', () => {
  it('round-trips and survives case, spaces and O/0, I/1 mix-ups', () => {
    for (let seed = 0; seed < 200; seed++) {
      const bytes = Uint8Array.from({ length: 9 }, (_, i) => (seed * 31 + i * 57) % 256);
      const code = makeComplaintCode(bytes);
      expect(code).toMatch(/^ADU-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(normalizeComplaintCode(code)).toBe(code);
      expect(normalizeComplaintCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
      expect(normalizeComplaintCode(code.replace(/0/g, 'O').replace(/1/g, 'I'))).toBe(code);
    }
  });

  it('catches a single wrong symbol and an adjacent swap', () => {
    const code = makeComplaintCode(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const body = code.replace(/^ADU-|-/g, '');
    for (let i = 0; i < 9; i++) {
      const wrong = body.slice(0, i) + (body[i] === '7' ? '8' : '7') + body.slice(i + 1);
      expect(normalizeComplaintCode(`ADU${wrong}`)).toBeUndefined();
      if (body[i] !== body[i + 1] && i < 8) {
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        expect(normalizeComplaintCode(`ADU${swapped}`)).toBeUndefined();
      }
    }
    expect(normalizeComplaintCode('hello')).toBeUndefined();
    expect(() => makeComplaintCode(new Uint8Array(3))).toThrow(RangeError);
  });
});
