// Inside the worker thread: solve the round received, post the result (or the error) back.
import { parentPort, workerData } from 'node:worker_threads';
import { TandemError } from '../core/errors.js';
import { solveMatching } from '../core/matching/index.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

const { input, options } = JSON.parse(workerData as string) as WorkerRequest;
let reply: WorkerReply;
try {
  reply = { ok: true, result: solveMatching(input, options) };
} catch (error) {
  reply = {
    ok: false,
    error: {
      code: error instanceof TandemError ? error.code : 'internal',
      message: error instanceof Error ? error.message : String(error),
    },
  };
}
parentPort?.postMessage(JSON.stringify(reply));
