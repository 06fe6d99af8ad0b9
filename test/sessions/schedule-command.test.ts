// Reading `/tandem schedule …` as people type it, in English and French habits.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/grammar.js';
import { parseDuration, parseScheduleWords, parseTime } from '../../src/core/use-cases/schedule-session.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('the schedule command', () => {
  it.each([
    ['schedule 2026-12-03 14:30 60min', ['2026-12-03', '14:30', '60min']],
    ['planifier 03/12/2026 14h30 1h', ['03/12/2026', '14h30', '1h']],
    ['Programmer 03/12/2026', ['03/12/2026']],
    ['schedule', []],
  ])('reads the verb of %j in both languages', (text, rest) => {
    expect(parseCommand(text)).toEqual({ verb: 'schedule', words: rest });
  });

  it('reads plan and the sessions list, French spellings included', () => {
    for (const text of ['plan', 'PLAN']) expect(parseCommand(text)).toEqual({ verb: 'plan' });
    for (const text of ['sessions', 'séances', 'seances', 'Séance']) expect(parseCommand(text)).toEqual({ verb: 'sessions' });
    expect(parseCommand('sessions please')).toEqual({ error: 'unknown_command', command: 'sessions please' });
  });

  it.each([
    ['2026-12-03 14:30 60min', { day: '2026-12-03', time: { hour: 14, minute: 30 }, duration: 60 }],
    ['03/12/2026 14h30 1h', { day: '2026-12-03', time: { hour: 14, minute: 30 }, duration: 60 }],
    ['le 03/12/2026 à 14h pendant 1h30', { day: '2026-12-03', time: { hour: 14, minute: 0 }, duration: 90 }],
    ['2026-12-03 at 2:30 pm for 90 min', { day: '2026-12-03', time: { hour: 14, minute: 30 }, duration: 90 }],
    ['2026-12-03 9:05 45', { day: '2026-12-03', time: { hour: 9, minute: 5 }, duration: 45 }],
    ['2026-12-03 14.30 1,5h', { day: '2026-12-03', time: { hour: 14, minute: 30 }, duration: 90 }],
    ['03.12.2026 8h 2 heures', { day: '2026-12-03', time: { hour: 8, minute: 0 }, duration: 120 }],
    ['60min 2026-12-03 10:00', { day: '2026-12-03', time: { hour: 10, minute: 0 }, duration: 60 }],
    ['2026-12-03 14:30', { day: '2026-12-03', time: { hour: 14, minute: 30 }, duration: null }],
  ])('reads %j', (text, expected) => {
    const parsed = parseScheduleWords(words(text));
    expect({ day: parsed.day, time: parsed.time, duration: parsed.duration }).toEqual(expected);
    expect(parsed.unknown).toEqual([]);
    expect(parsed.badDate || parsed.badTime).toBe(false);
  });

  it('names the partner by mention, email or @first name', () => {
    expect(parseScheduleWords(words('<@U42|mona> 2026-12-03 14:30')).target).toEqual({ kind: 'user', userId: 'U42' });
    expect(parseScheduleWords(words('mona@example.com 2026-12-03 14:30')).target).toEqual({ kind: 'email', email: 'mona@example.com' });
    expect(parseScheduleWords(words('@Élodie 03/12/2026 14h')).target).toEqual({ kind: 'name', name: 'Élodie' });
  });

  it('tells impossible dates and times apart from words it does not know', () => {
    expect(parseScheduleWords(words('31/02/2026 10:00')).badDate).toBe(true);
    expect(parseScheduleWords(words('2026-12-03 25:00')).badTime).toBe(true);
    expect(parseScheduleWords(words('2026-12-03 14:30 tomorrow')).unknown).toEqual(['tomorrow']);
  });

  it('parses times and durations on their own', () => {
    expect(parseTime('14h')).toEqual({ hour: 14, minute: 0 });
    expect(parseTime('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTime('12pm')).toEqual({ hour: 12, minute: 0 });
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('14:60')).toBeNull();
    expect(parseDuration('1h30')).toBe(90);
    expect(parseDuration('90 minutes')).toBe(90);
    expect(parseDuration('2 hours')).toBe(120);
    expect(parseDuration('1 heure')).toBe(60);
    expect(parseDuration('an hour')).toBeNull();
  });
});
