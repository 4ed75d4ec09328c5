import { describe, expect, it } from 'vitest';
import {
  bookingCodeFromBytes,
  canCall,
  closedReason,
  compareForCall,
  dueAtOf,
  estimateWaitMinutes,
  formatTicketNumber,
  isBookingCode,
  isNoShow,
  isSlotStart,
  nearMessageDue,
  normalizeBookingCode,
  openDates,
  pickNext,
  slotsOn,
  spokenCall,
  terbilang,
  type CallCandidate,
  type SlotRules,
} from './index.ts';

const MPP: SlotRules = {
  timeZone: 'Asia/Jakarta',
  slotMinutes: 30,
  openingHours: [
    ...[1, 2, 3, 4].map((day) => ({ day, opens: '08:00', closes: '15:00' })),
    { day: 5, opens: '08:00', closes: '11:00' },
  ],
};

describe('slots', () => {
  it('cuts a Monday into 14 half-hour slots from 08:00 to 15:00', () => {
    const slots = slotsOn(MPP, '2026-11-23');
    expect(slots).toHaveLength(14);
    expect(slots[0]).toEqual({ start: '08:00', end: '08:30' });
    expect(slots.at(-1)).toEqual({ start: '14:30', end: '15:00' });
  });

  it('offers no slot that would run past closing time', () => {
    expect(slotsOn({ ...MPP, slotMinutes: 50 }, '2026-11-27').map((s) => s.start)).toEqual(['08:00', '08:50', '09:40']);
  });

  it('is closed on weekends, national holidays and cuti bersama', () => {
    expect(slotsOn(MPP, '2026-11-28')).toEqual([]);
    expect(closedReason(MPP, '2026-11-28')?.reason).toBe('weekend');
    expect(closedReason(MPP, '2026-12-25')?.reason).toBe('libur_nasional');
    expect(closedReason(MPP, '2026-12-24')?.reason).toBe('cuti_bersama');
    expect(slotsOn(MPP, '2026-12-24')).toEqual([]);
  });

  it('opens on cuti bersama when the tenant rosters staff, and closes on a regional day off', () => {
    expect(slotsOn({ ...MPP, tenant: { cutiBersamaIsWorkingDay: true } }, '2026-12-24')).toHaveLength(14);
    const local = { ...MPP, tenant: { add: [{ date: '2026-12-18', name: 'Hari Jadi Banyuwangi' }] } };
    expect(closedReason(local, '2026-12-18')).toEqual({
      date: '2026-12-18',
      reason: 'tenant_holiday',
      name: 'Hari Jadi Banyuwangi',
    });
  });

  it('opens on a Saturday when the location has Saturday hours', () => {
    const saturday = { ...MPP, openingHours: [...MPP.openingHours, { day: 6, opens: '08:00', closes: '12:00' }] };
    expect(slotsOn(saturday, '2026-11-28')).toHaveLength(8);
  });

  it('handles split hours (a lunch break) and checks slot starts', () => {
    const split = {
      ...MPP,
      slotMinutes: 60,
      openingHours: [
        { day: 1, opens: '13:00', closes: '15:00' },
        { day: 1, opens: '08:00', closes: '12:00' },
      ],
    };
    expect(slotsOn(split, '2026-11-23').map((s) => s.start)).toEqual(['08:00', '09:00', '10:00', '11:00', '13:00', '14:00']);
    expect(isSlotStart(split, '2026-11-23', '13:00')).toBe(true);
    expect(isSlotStart(split, '2026-11-23', '12:00')).toBe(false);
  });

  it('lists the next open dates, skipping weekends and holidays', () => {
    expect(openDates(MPP, '2026-12-23', { count: 3, horizonDays: 14 })).toEqual(['2026-12-23', '2026-12-28', '2026-12-29']);
  });

  it('has no slots without opening hours, and refuses bad input', () => {
    expect(slotsOn({ ...MPP, openingHours: [] }, '2026-11-23')).toEqual([]);
    expect(() => slotsOn({ ...MPP, slotMinutes: 3 }, '2026-11-23')).toThrow(RangeError);
    expect(() => slotsOn(MPP, '2026-02-30')).toThrow(RangeError);
  });
});

function candidate(partial: Partial<CallCandidate> & { id: string }): CallCandidate {
  return { queueId: 'q1', queueCode: 'A', number: 1, priority: false, dueAt: 0, targetCounterId: null, ...partial };
}

describe('who is called next', () => {
  const counter = { counterId: 'c1', queueIds: ['q1', 'q2'] };

  it('calls only tickets of its queues, or those transferred to it by name', () => {
    expect(canCall(counter, candidate({ id: 'a', queueId: 'q3' }))).toBe(false);
    expect(canCall(counter, candidate({ id: 'b', queueId: 'q3', targetCounterId: 'c1' }))).toBe(true);
    expect(canCall(counter, candidate({ id: 'c', queueId: 'q1', targetCounterId: 'c2' }))).toBe(false);
  });

  it('takes a ticket transferred to it first, then priority, then the earliest due, then the number', () => {
    const waiting = [
      candidate({ id: 'old', dueAt: 1 }),
      candidate({ id: 'prio', dueAt: 50, priority: true }),
      candidate({ id: 'sent', dueAt: 99, queueId: 'q9', targetCounterId: 'c1' }),
    ];
    expect(pickNext(counter, waiting)?.id).toBe('sent');
    expect(pickNext(counter, waiting.slice(0, 2))?.id).toBe('prio');
    expect(pickNext(counter, [candidate({ id: 'n2', number: 2 }), candidate({ id: 'n1', number: 1 })])?.id).toBe('n1');
    expect(pickNext(counter, [candidate({ id: 'b', queueCode: 'B' }), candidate({ id: 'a', queueCode: 'A' })])?.id).toBe('a');
    expect(pickNext(counter, [])).toBeUndefined();
  });

  it('is fair across queues: the head due longest is called, whichever queue it is in', () => {
    // A busy queue q1 (many tickets) and a quiet one q2: q2's single ticket is called once it is
    // the oldest, not after q1 empties.
    const waiting = [
      ...Array.from({ length: 20 }, (_, i) => candidate({ id: `a${i}`, queueId: 'q1', number: i + 1, dueAt: 10 + i * 10 })),
      candidate({ id: 'b1', queueId: 'q2', queueCode: 'B', number: 1, dueAt: 35 }),
    ];
    const order: string[] = [];
    const left = [...waiting];
    while (left.length) {
      const next = pickNext(counter, left)!;
      order.push(next.id);
      left.splice(left.indexOf(next), 1);
    }
    expect(order.indexOf('b1')).toBe(3);
  });

  it('is a strict total order (antisymmetric, transitive on random data)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const items = Array.from({ length: 60 }, (_, i) =>
      candidate({
        id: `t${i}`,
        queueId: `q${1 + Math.floor(random() * 2)}`,
        queueCode: random() < 0.5 ? 'A' : 'B',
        number: 1 + Math.floor(random() * 30),
        priority: random() < 0.2,
        dueAt: Math.floor(random() * 10),
        targetCounterId: random() < 0.1 ? 'c1' : null,
      }),
    );
    for (const a of items) {
      for (const b of items) {
        expect(Math.sign(compareForCall('c1', a, b))).toBe(-Math.sign(compareForCall('c1', b, a)) || 0);
      }
    }
    const sorted = [...items].sort((a, b) => compareForCall('c1', a, b));
    for (let i = 1; i < sorted.length; i++) expect(compareForCall('c1', sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
  });

  it('dates a booking at its slot when checked in before the slot ends (plus grace), else at check-in', () => {
    const slot = { startsAt: new Date('2026-11-23T03:00:00Z'), endsAt: new Date('2026-11-23T03:30:00Z') };
    const early = new Date('2026-11-23T02:10:00Z');
    expect(dueAtOf({ issuedAt: early, slot })).toEqual(slot.startsAt);
    expect(dueAtOf({ issuedAt: new Date('2026-11-23T03:40:00Z'), slot })).toEqual(slot.startsAt);
    const late = new Date('2026-11-23T03:46:00Z');
    expect(dueAtOf({ issuedAt: late, slot })).toEqual(late);
    expect(dueAtOf({ issuedAt: late, slot, graceMinutes: 30 })).toEqual(slot.startsAt);
    expect(dueAtOf({ issuedAt: early })).toEqual(early);
  });

  it('counts a no-show after the last recall', () => {
    expect(isNoShow(2, 3)).toBe(false);
    expect(isNoShow(3, 3)).toBe(true);
  });
});

describe('waiting', () => {
  it('estimates the wait from places ahead, counters and the average service time', () => {
    expect(estimateWaitMinutes({ placesAhead: 0, counters: 2, averageServiceMinutes: 8 })).toBe(0);
    expect(estimateWaitMinutes({ placesAhead: 5, counters: 2, averageServiceMinutes: 8 })).toBe(20);
    expect(estimateWaitMinutes({ placesAhead: 3, counters: 0, averageServiceMinutes: null })).toBe(30);
  });

  it('sends the "almost your turn" message once, when few enough places are ahead', () => {
    expect(nearMessageDue(3, 3, false)).toBe(true);
    expect(nearMessageDue(4, 3, false)).toBe(false);
    expect(nearMessageDue(1, 3, true)).toBe(false);
  });
});

describe('tickets and codes', () => {
  it('numbers tickets per queue as A-001', () => {
    expect(formatTicketNumber('A', 1)).toBe('A-001');
    expect(formatTicketNumber('KTP', 42)).toBe('KTP-042');
    expect(formatTicketNumber('B', 1234)).toBe('B-1234');
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
  });

  it('makes booking codes without look-alike characters and reads them back loosely', () => {
    const code = bookingCodeFromBytes(new Uint8Array([0, 1, 2, 29, 30, 255, 100, 7]));
    expect(code).toBe('234Z2HC9');
    expect(isBookingCode(code)).toBe(true);
    expect(isBookingCode('O0I1L234')).toBe(false);
    expect(normalizeBookingCode(' 234z-2xc9 ')).toBe('234Z2XC9');
    expect(() => bookingCodeFromBytes(new Uint8Array(3))).toThrow(RangeError);
  });

  it('speaks numbers in Indonesian words', () => {
    expect([0, 7, 10, 11, 12, 19, 20, 21, 100, 101, 115, 123, 999, 1000, 1001, 2026].map(terbilang)).toEqual([
      'nol',
      'tujuh',
      'sepuluh',
      'sebelas',
      'dua belas',
      'sembilan belas',
      'dua puluh',
      'dua puluh satu',
      'seratus',
      'seratus satu',
      'seratus lima belas',
      'seratus dua puluh tiga',
      'sembilan ratus sembilan puluh sembilan',
      'seribu',
      'seribu satu',
      'dua ribu dua puluh enam',
    ]);
    expect(() => terbilang(10000)).toThrow(RangeError);
    expect(spokenCall({ queueCode: 'A', number: 123, counterCode: 'A1', lang: 'id' })).toBe(
      'Nomor antrean A seratus dua puluh tiga, silakan menuju loket A satu.',
    );
    expect(spokenCall({ queueCode: 'B', number: 5, counterCode: 'IMI-2', lang: 'en' })).toBe(
      'Ticket B 5, please go to counter I M I - 2.',
    );
  });
});
