// The admin commands of pair oversight and exports, in English and French.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/grammar.js';

describe('pair oversight commands', () => {
  it.each([
    ['admin at-risk', { verb: 'admin.at_risk' }],
    ['admin at risk', { verb: 'admin.at_risk' }],
    ['admin à-risque', { verb: 'admin.at_risk' }],
    ['admin risque', { verb: 'admin.at_risk' }],
    ['admin failed', { verb: 'admin.failed' }],
    ['admin échecs', { verb: 'admin.failed' }],
    ['admin export', { verb: 'admin.export' }],
    ['admin exporter', { verb: 'admin.export' }],
    ['admin end <@U123>', { verb: 'admin.end', target: { kind: 'user', userId: 'U123' } }],
    ['admin terminer eve@example.com', { verb: 'admin.end', target: { kind: 'email', email: 'eve@example.com' } }],
    ['admin end', { verb: 'admin.end', target: null }],
    ['admin rematch <@U123>', { verb: 'admin.rematch', target: { kind: 'user', userId: 'U123' }, now: false }],
    ['admin rematch <@U123> now', { verb: 'admin.rematch', target: { kind: 'user', userId: 'U123' }, now: true }],
    ['admin réapparier <@U123> maintenant', { verb: 'admin.rematch', target: { kind: 'user', userId: 'U123' }, now: true }],
    ['admin rematch <@U123> later', { verb: 'admin.rematch', target: null, now: false }],
    ['admin rematch', { verb: 'admin.rematch', target: null, now: false }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('extra words after a list command are a usage error, not a silent success', () => {
    expect(parseCommand('admin export everything')).toEqual({ error: 'admin_usage' });
    expect(parseCommand('admin failed today')).toEqual({ error: 'admin_usage' });
  });
});
