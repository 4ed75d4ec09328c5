import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../calendar/date.ts';
import { createWorkCalendar } from '../calendar/working-days.ts';
import {
  generateTrackingCode,
  isTrackingCode,
  parseTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_CODE_PATTERN,
  TRACKING_RANDOM_LENGTH,
  trackingCheckCharacter,
} from './tracking-code.ts';
import { applicationDeadline, compareSlaRisk, pausesFromHistory, slaRisk, SLA_RISKS } from './sla.ts';
import {
  availableTransitions,
  checkTransition,
  DEFAULT_WORKFLOW,
  validateWorkflow,
  type WorkflowDefinition,
} from './workflow.ts';

function at(text: string): Date {
  const instant = parseInstant(text);
  if (!instant) throw new Error(`bad instant in test: ${text}`);
  return instant;
}

const bytes = fc.uint8Array({ minLength: 10, maxLength: 10 });
const fixed = (b: Uint8Array) => () => b;

describe('tracking codes', () => {
  it('look like LYN-XXXX-XXXX-XXX, use no 0/O/1/I and pass their own check', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const code = generateTrackingCode(fixed(b));
        expect(code).toMatch(new RegExp(TRACKING_CODE_PATTERN));
        expect(code.slice(4)).not.toMatch(/[01IO]/);
        expect(isTrackingCode(code)).toBe(true);
      }),
    );
  });

  it('parse back from lower case, spaces and missing dashes or prefix', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const code = generateTrackingCode(fixed(b));
        const bare = code.replace(/-/g, '');
        expect(parseTrackingCode(code.toLowerCase())).toBe(code);
        expect(parseTrackingCode(bare)).toBe(code);
        expect(parseTrackingCode(bare.slice(3))).toBe(code);
        expect(parseTrackingCode(` ${code.slice(4).replace(/-/g, ' ').toLowerCase()} `)).toBe(code);
      }),
    );
  });

  it('reject every single wrong character', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 31 }), (b, position, shift) => {
        const body = generateTrackingCode(fixed(b)).slice(4).replace(/-/g, '');
        const wrong = TRACKING_ALPHABET[(TRACKING_ALPHABET.indexOf(body[position]!) + shift) % 32]!;
        const typo = body.slice(0, position) + wrong + body.slice(position + 1);
        expect(parseTrackingCode(typo)).toBeUndefined();
      }),
    );
  });

  it('reject every swap of two different neighbours', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 9 }), (b, i) => {
        const body = generateTrackingCode(fixed(b)).slice(4).replace(/-/g, '');
        fc.pre(body[i] !== body[i + 1]);
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        expect(parseTrackingCode(swapped)).toBeUndefined();
      }),
    );
  });

  it('reject every swap of two different neighbours at every position, exhaustively', () => {
    const base = generateTrackingCode(fixed(Uint8Array.from([7, 200, 31, 64, 5, 99, 18, 250, 3, 77])))
      .slice(4)
      .replace(/-/g, '')
      .slice(0, TRACKING_RANDOM_LENGTH);
    const withCheck = (body: string) => body + trackingCheckCharacter(body);
    const swap = (code: string, i: number) => code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
    let tried = 0;
    for (let i = 0; i < TRACKING_RANDOM_LENGTH - 1; i++) {
      for (const x of TRACKING_ALPHABET) {
        for (const y of TRACKING_ALPHABET) {
          if (x === y) continue;
          const code = withCheck(base.slice(0, i) + x + y + base.slice(i + 2));
          expect(parseTrackingCode(swap(code, i)), code).toBeUndefined();
          tried++;
        }
      }
    }
    // The last random character and the check character.
    for (const x of TRACKING_ALPHABET) {
      const code = withCheck(base.slice(0, TRACKING_RANDOM_LENGTH - 1) + x);
      if (code[TRACKING_RANDOM_LENGTH - 1] === code[TRACKING_RANDOM_LENGTH]) continue;
      expect(parseTrackingCode(swap(code, TRACKING_RANDOM_LENGTH - 1)), code).toBeUndefined();
      tried++;
    }
    expect(tried).toBeGreaterThanOrEqual(9 * 32 * 31 + 31);
  });

  it('the example shown to citizens is a valid code, and the Luhn blind spot "2Z" ↔ "Z2" is caught', () => {
    expect(parseTrackingCode('LYN-7KQ4-M9XW-H26')).toBe('LYN-7KQ4-M9XW-H26');
    expect(parseTrackingCode('LYN-2Z22-2222-223')).toBeUndefined();
  });

  it('reject look-alikes, wrong lengths and other prefixes', () => {
    expect(parseTrackingCode('')).toBeUndefined();
    expect(parseTrackingCode('LYN-0000-0000-000')).toBeUndefined();
    expect(parseTrackingCode('LYN-IIII-OOOO-111')).toBeUndefined();
    expect(parseTrackingCode('LYN-2345-6789-AB')).toBeUndefined();
    expect(parseTrackingCode('ABC-2345-6789-ABC')).toBeUndefined();
    expect(() => trackingCheckCharacter('0')).toThrow(RangeError);
  });

  it('carry at least 50 bits: 10 random characters of a 32-character alphabet, all values reachable', () => {
    expect(TRACKING_ALPHABET).toHaveLength(32);
    expect(new Set(TRACKING_ALPHABET).size).toBe(32);
    const seen = new Set<string>();
    for (let i = 0; i < 64; i++) seen.add(generateTrackingCode(fixed(new Uint8Array(10).fill(i))).slice(4, 5));
    expect(seen.size).toBe(32);
    const codes = new Set(Array.from({ length: 2000 }, () => generateTrackingCode()));
    expect(codes.size).toBe(2000);
  });
});

describe('workflow definitions', () => {
  it('the default workflow is valid', () => {
    expect(validateWorkflow(DEFAULT_WORKFLOW)).toEqual([]);
  });

  const broken: Array<[string, (w: WorkflowDefinition) => WorkflowDefinition, string]> = [
    ['unknown initial state', (w) => ({ ...w, initial: 'baru' }), 'WORKFLOW_STATE_UNKNOWN'],
    [
      'transition to an unknown state',
      (w) => ({ ...w, transitions: [...w.transitions, { from: 'diproses', to: 'arsip', roles: ['supervisor'] }] }),
      'WORKFLOW_STATE_UNKNOWN',
    ],
    [
      'unreachable state',
      (w) => ({ ...w, states: [...w.states, { key: 'arsip', label: { id: 'Arsip' }, terminal: true }] }),
      'WORKFLOW_UNREACHABLE',
    ],
    [
      'transition out of a terminal state',
      (w) => ({ ...w, transitions: [...w.transitions, { from: 'selesai', to: 'diproses', roles: ['supervisor'] }] }),
      'WORKFLOW_FROM_TERMINAL',
    ],
    ['duplicate state', (w) => ({ ...w, states: [...w.states, w.states[0]!] }), 'WORKFLOW_STATE_DUPLICATE'],
    ['no terminal state', (w) => ({ ...w, states: w.states.map((s) => ({ ...s, terminal: false })) }), 'WORKFLOW_NO_TERMINAL'],
    [
      'unknown role',
      (w) => ({
        ...w,
        transitions: w.transitions.map((t, i) => (i === 0 ? { ...t, roles: ['tukang_parkir' as never] } : t)),
      }),
      'WORKFLOW_ROLE_UNKNOWN',
    ],
    [
      'transition without roles',
      (w) => ({ ...w, transitions: w.transitions.map((t, i) => (i === 0 ? { ...t, roles: [] } : t)) }),
      'WORKFLOW_NO_ROLES',
    ],
  ];
  it.each(broken)('rejects %s', (_name, change, code) => {
    expect(validateWorkflow(change(DEFAULT_WORKFLOW)).map((i) => i.code)).toContain(code);
  });

  it('checks state, role, note and output of a transition', () => {
    const w: WorkflowDefinition = {
      ...DEFAULT_WORKFLOW,
      transitions: DEFAULT_WORKFLOW.transitions.map((t) => (t.to === 'selesai' ? { ...t, requires: { output: true } } : t)),
    };
    expect(validateWorkflow(w)).toEqual([]);
    const officer = ['petugas_back_office'];
    expect(checkTransition(w, { from: 'diajukan', to: 'selesai', roles: officer })).toEqual({
      ok: false,
      code: 'TRANSITION_NOT_ALLOWED',
    });
    expect(checkTransition(w, { from: 'diajukan', to: 'hilang', roles: officer })).toEqual({
      ok: false,
      code: 'WORKFLOW_STATE_UNKNOWN',
    });
    expect(checkTransition(w, { from: 'verifikasi', to: 'ditolak', roles: ['petugas_loket'] })).toEqual({
      ok: false,
      code: 'TRANSITION_ROLE_FORBIDDEN',
    });
    expect(checkTransition(w, { from: 'verifikasi', to: 'ditolak', roles: officer, note: '  ' })).toEqual({
      ok: false,
      code: 'TRANSITION_NOTE_REQUIRED',
    });
    expect(checkTransition(w, { from: 'diproses', to: 'selesai', roles: officer })).toEqual({
      ok: false,
      code: 'TRANSITION_OUTPUT_REQUIRED',
    });
    expect(checkTransition(w, { from: 'diproses', to: 'selesai', roles: officer, outputUploadId: 'u1' }).ok).toBe(true);
    expect(checkTransition(w, { from: 'dikembalikan', to: 'diajukan', roles: ['warga'] }).ok).toBe(true);
    expect(checkTransition(w, { from: 'dikembalikan', to: 'diajukan', roles: officer }).ok).toBe(false);
    expect(availableTransitions(w, 'verifikasi', ['petugas_loket']).map((t) => t.to)).toEqual(['diproses', 'dikembalikan']);
  });

  it('no transition ever leaves a terminal state of the default workflow', () => {
    const terminal = DEFAULT_WORKFLOW.states.filter((s) => s.terminal).map((s) => s.key);
    fc.assert(
      fc.property(fc.constantFrom(...terminal), fc.constantFrom(...DEFAULT_WORKFLOW.states.map((s) => s.key)), (from, to) => {
        expect(checkTransition(DEFAULT_WORKFLOW, { from, to, roles: ['supervisor', 'warga'] }).ok).toBe(false);
      }),
    );
  });
});

describe('application SLA', () => {
  const wib = createWorkCalendar({ timeZone: 'Asia/Jakarta' });

  it('counts working days in the tenant zone, skipping cuti bersama, Christmas and the weekend', () => {
    const d = applicationDeadline({
      calendar: wib,
      submittedAt: at('2026-12-22T10:00:00+07:00'),
      serviceTime: { amount: 3, unit: 'working_days' },
    });
    expect(d.dueDate).toBe('2026-12-29');
    expect(d.dueAtIso).toBe('2026-12-29T23:59:59+07:00');
    expect(d.skipped.map((s) => s.reason)).toEqual(['cuti_bersama', 'libur_nasional', 'weekend', 'weekend']);
  });

  it('a tenant holiday moves the deadline', () => {
    const banyuwangi = createWorkCalendar({
      timeZone: 'Asia/Jakarta',
      tenant: { add: [{ date: '2026-12-18', name: 'Hari Jadi Banyuwangi' }] },
    });
    const d = applicationDeadline({
      calendar: banyuwangi,
      submittedAt: at('2026-12-16T09:00:00+07:00'),
      serviceTime: { amount: 2, unit: 'working_days' },
    });
    expect(d.dueDate).toBe('2026-12-21');
  });

  it('pauses while returned to the citizen and resumes on resubmission', () => {
    const history = [
      { state: 'diajukan', at: at('2026-11-02T09:00:00+07:00') },
      { state: 'verifikasi', at: at('2026-11-02T10:00:00+07:00') },
      { state: 'dikembalikan', at: at('2026-11-03T10:00:00+07:00') },
      { state: 'diajukan', at: at('2026-11-06T08:00:00+07:00') },
    ];
    expect(pausesFromHistory(history)).toEqual([{ pausedAt: history[2]!.at, resumedAt: history[3]!.at }]);
    const base = { calendar: wib, submittedAt: history[0]!.at, serviceTime: { amount: 5, unit: 'working_days' as const } };
    expect(applicationDeadline(base).dueDate).toBe('2026-11-09');
    // 4, 5 and 6 November are lost while the citizen fixes the application.
    expect(applicationDeadline({ ...base, history }).dueDate).toBe('2026-11-12');
    const open = applicationDeadline({ ...base, history: history.slice(0, 3) });
    expect(open.state).toBe('paused');
    expect(open.dueDate).toBeNull();
  });

  it('buckets risk: overdue, due today, due soon, on track, paused, closed', () => {
    const now = at('2026-11-24T10:00:00+07:00'); // a Tuesday
    const risk = (dueDate: string | null, extra: object = {}) => slaRisk({ calendar: wib, now, dueDate, ...extra });
    expect(risk('2026-11-23')).toBe('overdue');
    expect(risk('2026-11-24')).toBe('due_today');
    expect(risk('2026-11-26')).toBe('due_soon');
    expect(risk('2026-11-27')).toBe('on_track');
    expect(risk(null)).toBe('paused');
    expect(risk('2026-11-23', { closed: true })).toBe('closed');
    expect(risk('2026-11-24', { unit: 'hours', dueAt: at('2026-11-24T09:00:00+07:00') })).toBe('overdue');
    expect([...SLA_RISKS].reverse().sort(compareSlaRisk)).toEqual([...SLA_RISKS]);
  });
});
