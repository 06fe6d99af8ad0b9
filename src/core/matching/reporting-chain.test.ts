import { describe, expect, it } from 'vitest';
import { buildReportingChain } from './reporting-chain.js';

describe('reporting chain', () => {
  it('lists everyone above, nearest first, through every known manager', () => {
    const chain = buildReportingChain([
      ['analyst', 'manager'],
      ['manager', 'director'],
      ['manager', 'acting-director'],
      ['director', 'ceo'],
      ['ceo', null],
    ]);
    expect(chain.above('analyst')).toEqual(['manager', 'director', 'acting-director', 'ceo']);
    expect(chain.above('ceo')).toEqual([]);
    expect(chain.above('stranger')).toEqual([]);
  });

  it('survives cycles and self-management in the data', () => {
    const chain = buildReportingChain([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['d', 'd'],
    ]);
    expect(chain.above('a')).toEqual(['b', 'c']);
    expect(chain.above('d')).toEqual([]);
  });
});
