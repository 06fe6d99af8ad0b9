import { describe, expect, it } from 'vitest';
import { PairGraph, type MentorIndex } from './graph.js';

/** Every (mentee, score) of mentor j in an index, sorted part then added ones, as text. */
function pairsOf(index: MentorIndex, j: number): string[] {
  const pairs: string[] = [];
  for (let e = index.start[j]!; e < index.start[j + 1]!; e++) pairs.push(`${index.mentee[e]}:${index.score[e]}`);
  for (let e = index.addedHead[j]!; e >= 0; e = index.addedNext[e]!) pairs.push(`${index.addedMentee[e]}:${index.addedScore[e]}`);
  return pairs.sort();
}

/** The same, read from the mentees' side. */
function expectedPairs(graph: PairGraph, j: number): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.start[i]!; e < graph.end[i]!; e++) if (graph.mentor[e] === j) pairs.push(`${i}:${graph.score[e]}`);
  }
  return pairs.sort();
}

describe('PairGraph', () => {
  it('keeps the mentor index up to date as pairs are added, beside its sorted part, and rebuilds it when they grow many', () => {
    const graph = new PairGraph(40, 10);
    for (let i = 0; i < 40; i++) graph.add(i, [i % 10, (i + 3) % 10], [i, 50 - i], 2);
    const index = graph.byMentor();
    expect(index.addedCount).toBe(0);
    // A few more: listed beside the sorted part, the same index object.
    graph.add(5, [7], [99], 1);
    graph.add(6, [7, 8], [12, 13], 2);
    expect(graph.byMentor()).toBe(index);
    expect(index.addedCount).toBe(3);
    for (let j = 0; j < 10; j++) expect(pairsOf(index, j)).toEqual(expectedPairs(graph, j));
    // Many more (beyond a quarter of the index): built again, sorted, nothing added beside.
    for (let i = 0; i < 40; i++) graph.add(i, [(i + 5) % 10], [i + 1], 1);
    const rebuilt = graph.byMentor();
    expect(rebuilt).not.toBe(index);
    expect(rebuilt.addedCount).toBe(0);
    for (let j = 0; j < 10; j++) {
      expect(pairsOf(rebuilt, j)).toEqual(expectedPairs(graph, j));
      const scores = Array.from(rebuilt.score.subarray(rebuilt.start[j]!, rebuilt.start[j + 1]!));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('drops the pairs refused, keeps the others in order, and tells the best of those dropped', () => {
    const graph = new PairGraph(2, 6);
    graph.add(0, [0, 1, 2, 3], [40, 30, 20, 10], 4);
    graph.add(1, [4], [25], 1);
    const before = graph.byMentor();
    const price = [0, 5, 0, 0, 0, 0];
    const best = graph.dropBelow(0, (j, score) => score - price[j]!, 18);
    expect(best).toBe(10); // keys 40, 25, 20, 10: only mentor 3 is at or below 18
    expect(Array.from(graph.mentor.subarray(graph.start[0]!, graph.end[0]!))).toEqual([0, 1, 2]);
    expect(graph.size).toBe(4);
    expect(graph.byMentor()).not.toBe(before); // the mentor index no longer matches
    expect(graph.dropBelow(1, (_j, score) => score, 0)).toBe(-Infinity);
  });
});
