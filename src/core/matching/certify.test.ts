import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../../bench/instances.js';
import { AssignmentSolver } from './assignment.js';
import { OptimalityProof } from './certify.js';
import { PairGraph } from './graph.js';
import { buildPool, type Pool } from './pool.js';
import { isCompatible, scorePair } from './score.js';
import { TopicScanner } from './topic-scanner.js';

/** Mentors that can pair with mentee i and are not among its pairs (nor in `more`). */
function leftOut(pool: Pool, graph: PairGraph, i: number, more: readonly number[] = []): number[] {
  const listed = new Set([...graph.mentor.subarray(graph.start[i]!, graph.end[i]!), ...more]);
  return Array.from({ length: pool.mentorCount }, (_, j) => j).filter((j) => !listed.has(j) && isCompatible(pool, j, i));
}

describe('OptimalityProof', () => {
  it('keeps each bound above every left-out key when prices fall between two checks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 8 }), (seed, most) => {
        const pool = buildPool(generateInstance({ mentees: 60, mentors: 40, seed, capacityWeights: [80, 15, 5] }));
        const scanner = new TopicScanner(pool, 8);
        const graph = new PairGraph(pool.menteeCount, pool.mentorCount);
        const everyone = Array.from({ length: pool.menteeCount }, (_, i) => i);
        scanner.scanAll(everyone, { offsets: null }, () => ({ limit: 3, floor: -Infinity, skip: null }), (i, found) =>
          graph.add(i, found.partner, found.score, found.count),
        );
        const solver = new AssignmentSolver(graph, pool.mentorCapacity, 10_000);
        for (const i of everyone) solver.place(i);
        solver.releaseSeats();

        // Exact bounds at today's prices: the best key left out of each mentee's pairs.
        const proof = new OptimalityProof(pool, scanner, graph, 8, 4);
        const before = solver.mentorDual.slice();
        const keyOf = (i: number, j: number) => scorePair(pool, j, i) - solver.mentorDual[j]!;
        for (const i of everyone) proof.keyCut[i] = Math.max(-Infinity, ...leftOut(pool, graph, i).map((j) => keyOf(i, j)));

        // Then one mentor in six gets cheaper by 1 to `most` points, as when repairs free seats
        // (with many more, every mentee is simply scanned again).
        for (let j = seed % 6; j < pool.mentorCount; j += 6) solver.mentorDual[j] = Math.max(0, before[j]! - 1 - ((j * 7 + seed) % most));
        const found = proof.violations(solver, before);

        for (const i of everyone) {
          const n = found.mentees.indexOf(i);
          const improving = n < 0 ? [] : found.mentor.slice(found.start[n], found.start[n + 1]);
          for (const j of leftOut(pool, graph, i, improving)) expect(keyOf(i, j)).toBeLessThanOrEqual(proof.keyCut[i]!);
        }
      }),
      { numRuns: 100 },
    );
  });
});
