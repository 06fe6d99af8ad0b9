import { describe, expect, it } from 'vitest';
import { parseCommand, parseDate, parseTarget } from './grammar.js';

describe('parseCommand', () => {
  it.each([
    ['help', { verb: 'help' }],
    ['  AIDE ', { verb: 'help' }],
    ['join mentor', { verb: 'join', role: 'mentor' }],
    ['join mentee', { verb: 'join', role: 'mentee' }],
    ['rejoindre mentoré', { verb: 'join', role: 'mentee' }],
    ['Rejoindre MENTORÉE', { verb: 'join', role: 'mentee' }],
    ['rejoindre mentor', { verb: 'join', role: 'mentor' }],
    ['me', { verb: 'me' }],
    ['moi', { verb: 'me' }],
    ['profil', { verb: 'profile' }],
    ['leave', { verb: 'leave' }],
    ['quitter', { verb: 'leave' }],
    ['pause until 2026-12-15', { verb: 'pause', until: '2026-12-15' }],
    ['pause 2026-12-15', { verb: 'pause', until: '2026-12-15' }],
    ["pause jusqu'au 15/12/2026", { verb: 'pause', until: '2026-12-15' }],
    ['pause jusqu’au 15/12/2026', { verb: 'pause', until: '2026-12-15' }],
    ['resume', { verb: 'resume' }],
    ['reprendre', { verb: 'resume' }],
    ['admin pending', { verb: 'admin.pending' }],
    ['admin en-attente', { verb: 'admin.pending' }],
    ['admin pair', { verb: 'admin.pair' }],
    ['admin binômes', { verb: 'admin.pair' }],
    ['admin approve <@U123|ada>', { verb: 'admin.decide', decision: 'approve', target: { kind: 'user', userId: 'U123' } }],
    ['admin refuser <@29:abc-DEF>', { verb: 'admin.decide', decision: 'decline', target: { kind: 'user', userId: '29:abc-DEF' } }],
    ['admin valider Ada@Example.com', { verb: 'admin.decide', decision: 'approve', target: { kind: 'email', email: 'ada@example.com' } }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['', { error: 'empty' }],
    ['   ', { error: 'empty' }],
    ['dance', { error: 'unknown_command', command: 'dance' }],
    ['me please', { error: 'unknown_command', command: 'me please' }],
    ['join', { error: 'join_role' }],
    ['join astronaut', { error: 'join_role' }],
    ['pause', { error: 'pause_date' }],
    ['pause until 2026-02-30', { error: 'pause_date' }],
    ['pause until tomorrow', { error: 'pause_date' }],
    ['admin', { error: 'admin_usage' }],
    ['admin approve', { error: 'admin_target', verb: 'approve' }],
    ['admin approve bob', { error: 'admin_target', verb: 'approve' }],
    ['help\u0000', { error: 'control_characters' }],
    ['me\u202e', { error: 'control_characters' }],
  ])('rejects %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('rejects 10 KB of text without scanning it', () => {
    expect(parseCommand('a'.repeat(10_240))).toEqual({ error: 'too_long', length: 10_240 });
  });
});

describe('parseDate', () => {
  it('accepts ISO and French day-first dates that exist', () => {
    expect(parseDate('2026-1-5')).toBe('2026-01-05');
    expect(parseDate('05/01/2026')).toBe('2026-01-05');
    expect(parseDate('29/02/2028')).toBe('2028-02-29');
  });
  it('refuses impossible or ambiguous dates', () => {
    expect(parseDate('29/02/2027')).toBeNull();
    expect(parseDate('12/15')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
  });
});

describe('parseTarget', () => {
  it('reads Slack mentions, Teams ids and emails', () => {
    expect(parseTarget('<@W42>')).toEqual({ kind: 'user', userId: 'W42' });
    expect(parseTarget('<mailto:a@b.fr|a@b.fr>')).toEqual({ kind: 'email', email: 'a@b.fr' });
    expect(parseTarget('@bob')).toBeNull();
  });
});
