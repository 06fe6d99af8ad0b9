/**
 * Inside a matching thread. Started with a round (JSON text), it solves it and posts the answer.
 * Started on standby, it first warms up on a made-up round (stopping as soon as a real one
 * arrives), then solves the round it is sent. Either way it answers once, then ends.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { TandemError } from '../core/errors.js';
import { solveMatching } from '../core/matching/index.js';
import type { WorkerReply, WorkerRequest, WorkerStart } from './protocol.js';
import { warmUpRound } from './warm-up.js';

function answer(text: string): string {
  let reply: WorkerReply;
  try {
    const { input, options } = JSON.parse(text) as WorkerRequest;
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
  return JSON.stringify(reply);
}

const start = workerData as WorkerStart;
const port = parentPort!;
if (start.request !== undefined) {
  port.postMessage(answer(start.request));
} else {
  let arrived = receiveMessageOnPort(port);
  if (start.warmUp && !arrived) {
    const round = warmUpRound(start.warmUp.mentees, start.warmUp.mentors);
    for (let n = 0; n < start.warmUp.solves && !arrived; n++) {
      solveMatching(round);
      arrived = receiveMessageOnPort(port);
    }
  }
  if (arrived) port.postMessage(answer(arrived.message as string));
  else port.once('message', (text: string) => port.postMessage(answer(text)));
}
