// What the main thread and the matching worker send each other, as JSON text.
import type { MatchInput, MatchResult, SolveOptions } from '../core/matching/index.js';

export interface WorkerRequest {
  input: MatchInput;
  options: SolveOptions;
}

export type WorkerReply = { ok: true; result: MatchResult } | { ok: false; error: { code: string; message: string } };
