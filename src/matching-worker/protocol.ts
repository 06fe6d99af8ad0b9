// What the main thread and a matching worker send each other, as JSON text.
import type { MatchInput, MatchResult, SolveOptions } from '../core/matching/index.js';

export interface WorkerRequest {
  input: MatchInput;
  options: SolveOptions;
}

/** A worker's start data: the round to solve (JSON text of a WorkerRequest), or none to stand by. */
export interface WorkerStart {
  request?: string;
  /** On standby: the made-up round to warm up on, solved this many times (stopping when a round arrives). */
  warmUp?: WarmUp;
}

export interface WarmUp {
  mentees: number;
  mentors: number;
  solves: number;
}

export type WorkerReply = { ok: true; result: MatchResult } | { ok: false; error: { code: string; message: string } };
