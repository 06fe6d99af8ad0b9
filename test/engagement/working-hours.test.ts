import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingMoment, nextWorkingMoment } from '../../src/core/working-hours.js';

const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Noumea',
  'America/Sao_Paulo', 'Asia/Kathmandu', 'UTC'];

/** Wall clock in a zone read through Intl, independently of luxon. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: Date, timeZone: string): { weekday: string; hour: number; minute: number; second: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { weekday: get('weekday'), hour: Number(get('hour')), minute: Number(get('minute')), second: Number(get('second')) };
}

function working(at: Date, timeZone: string): boolean {
  const clock = wallClock(at, timeZone);
  return !['Sat', 'Sun'].includes(clock.weekday) && clock.hour >= 9 && clock.hour < 18;
}

describe('nextWorkingMoment', () => {
  it('keeps a moment inside working hours', () => {
    const at = new Date('2026-11-25T10:30:00Z'); // Wednesday 11:30 in Paris
    expect(nextWorkingMoment(at, 'Europe/Paris')).toEqual(at);
  });

  it('holds an evening message until 09:00 the next morning', () => {
    // Wednesday 19:00 in Paris → Thursday 09:00 Paris (08:00 UTC).
    expect(nextWorkingMoment(new Date('2026-11-25T18:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-26T08:00:00Z'));
  });

  it('18:00 sharp is already after hours, 09:00 sharp is inside', () => {
    expect(nextWorkingMoment(new Date('2026-11-25T17:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-26T08:00:00Z'));
    expect(nextWorkingMoment(new Date('2026-11-25T08:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-25T08:00:00Z'));
  });

  it('moves an early-morning moment to 09:00 the same day', () => {
    expect(nextWorkingMoment(new Date('2026-11-25T03:12:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-25T08:00:00Z'));
  });

  it('skips the weekend', () => {
    // Friday 18:30 Paris → Monday 09:00 Paris.
    expect(nextWorkingMoment(new Date('2026-11-27T17:30:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-30T08:00:00Z'));
    // Saturday noon → Monday.
    expect(nextWorkingMoment(new Date('2026-11-28T11:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-30T08:00:00Z'));
  });

  it('reads the recipient zone: the same instant is working time in Paris but night in New York', () => {
    const at = new Date('2026-11-25T09:00:00Z');
    expect(nextWorkingMoment(at, 'Europe/Paris')).toEqual(at);
    // 04:00 in New York → 09:00 New York = 14:00 UTC.
    expect(nextWorkingMoment(at, 'America/New_York')).toEqual(new Date('2026-11-25T14:00:00Z'));
  });

  it('lands on 09:00 local across a DST change', () => {
    // Paris springs forward on Sunday 2026-03-29: Saturday evening → Monday 30 March 09:00 CEST = 07:00 UTC.
    expect(nextWorkingMoment(new Date('2026-03-28T19:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-03-30T07:00:00Z'));
    // Paris falls back on Sunday 2026-10-25: Friday evening (CEST) → Monday 26 October 09:00 CET = 08:00 UTC.
    expect(nextWorkingMoment(new Date('2026-10-23T17:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-10-26T08:00:00Z'));
    // New York springs forward on Sunday 2026-03-08.
    expect(nextWorkingMoment(new Date('2026-03-07T12:00:00Z'), 'America/New_York')).toEqual(new Date('2026-03-09T13:00:00Z'));
  });

  it('reads an unknown zone as UTC instead of holding the message forever', () => {
    expect(nextWorkingMoment(new Date('2026-11-25T20:00:00Z'), 'Not/AZone')).toEqual(new Date('2026-11-26T09:00:00Z'));
    expect(isWorkingMoment(new Date('2026-11-25T10:00:00Z'), 'Not/AZone')).toBe(true);
  });

  it('is never earlier than the moment given, always in working hours, and the earliest such moment', () => {
    const instants = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2039-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (at, zone) => {
        const result = nextWorkingMoment(at, zone);
        expect(result.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(working(result, zone)).toBe(true);
        expect(isWorkingMoment(result, zone)).toBe(true);
        if (result.getTime() === at.getTime()) return;
        expect(working(at, zone)).toBe(false);
        // Minimal: it is a 09:00:00 start, and no earlier quarter hour between `at` and it is working time
        // (every zone's offset is a whole number of quarter hours, so a local hour starts on one).
        const clock = wallClock(result, zone);
        expect([clock.hour, clock.minute, clock.second, result.getUTCMilliseconds()]).toEqual([9, 0, 0, 0]);
        const quarter = 15 * 60_000;
        for (let t = Math.ceil(at.getTime() / quarter) * quarter; t < result.getTime(); t += quarter) {
          if (working(new Date(t), zone)) throw new Error(`${new Date(t).toISOString()} in ${zone} is earlier working time`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2039-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...ZONES), (at, zone) => {
          const once = nextWorkingMoment(at, zone);
          expect(nextWorkingMoment(once, zone)).toEqual(once);
        }),
    );
  });
});
