// The data-rights commands in the shared grammar: English and French spellings, typographic apostrophes, admin forget.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/grammar.js';

describe('data-rights commands', () => {
  it.each(['my-data', 'MY-DATA', 'mydata', 'my data', 'mes-données', 'mes données', 'Mes-Donnees', 'mesdonnees'])('%s → my-data', (text) => {
    expect(parseCommand(text)).toEqual({ verb: 'my-data' });
  });

  it.each(['forget-me', 'forget me', 'forgetme', 'oublie-moi', 'oubliez-moi', 'oubliez moi', 'oublier-moi', "m'oublier", 'm’oublier', 'M’OUBLIER'])(
    '%s → forget-me',
    (text) => {
      expect(parseCommand(text)).toEqual({ verb: 'forget-me' });
    },
  );

  it('takes nothing after the verb', () => {
    expect(parseCommand('my-data please')).toEqual({ error: 'unknown_command', command: 'my-data please' });
    expect(parseCommand('forget-me now')).toEqual({ error: 'unknown_command', command: 'forget-me now' });
    expect(parseCommand('my stuff')).toEqual({ error: 'unknown_command', command: 'my' });
  });

  it('admin forget takes one person: a mention or an email', () => {
    expect(parseCommand('admin forget <@U123|ada>')).toEqual({ verb: 'admin.forget', target: { kind: 'user', userId: 'U123' } });
    expect(parseCommand('admin oublier Ada@Example.com')).toEqual({ verb: 'admin.forget', target: { kind: 'email', email: 'ada@example.com' } });
    expect(parseCommand('admin effacer <mailto:ada@example.com|ada@example.com>')).toEqual({ verb: 'admin.forget', target: { kind: 'email', email: 'ada@example.com' } });
    expect(parseCommand('admin forget')).toEqual({ error: 'forget_target' });
    expect(parseCommand('admin forget ada')).toEqual({ error: 'forget_target' });
    expect(parseCommand('admin forget <@U1> <@U2>')).toEqual({ error: 'forget_target' });
  });
});
