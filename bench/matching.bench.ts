/**
 * Pairing-round benchmark: `npm run bench`, or for some instances
 * `npx tsc -p tsconfig.bench.json && node .bench-build/bench/matching.bench.js [instance names…]`.
 * It runs compiled, as Tandem does in production (`npm start` runs the tsc build): through tsx's
 * loader the same code ran about 30 % slower here.
 *
 * For every instance of bench/instances.ts, side by side: Tandem's exact solver (time, memory,
 * result), the dense Hungarian oracle `munkres` where it is feasible (≤ 2,000 people) and a greedy
 * baseline. Each instance runs in its own child process, so memory figures are its own.
 */
import { fork } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { solveMatching, type MatchResult } from '../src/core/matching/index.js';
import { solveInWorker, startStandbyMatcher } from '../src/matching-worker/index.js';
import { solveDense } from './dense-oracle.js';
import { solveGreedy } from './greedy.js';
import { BENCH_INSTANCES, generateInstance, type InstanceOptions } from './instances.js';
import { describeMachine } from './machine.js';

const DENSE_LIMIT = 2000;
/** Time given to a standby worker to warm up before it is handed a round. */
const STANDBY_WARM_UP_MS = 3000;
const CHILD_FLAG = 'TANDEM_BENCH_CASE';

interface CaseReport {
  name: string;
  people: number;
  seats: number;
  tandem: { firstMs: number; bestMs: number; firstCpuMs: number; bestCpuMs: number; runs: number; matched: number; total: number; rounds: number; candidatePairs: number; compatiblePairs: number };
  memory: { peakExtraMb: number; heapExtraMb: number };
  /** Through worker threads, as the app solves: a worker started for the round (cold), and the app's warm standby. */
  worker: { coldMs: number; warmMs: number; same: boolean } | null;
  dense: { ms: number; matched: number; total: number } | null;
  greedy: { matched: number; total: number };
}

if (process.env[CHILD_FLAG]) {
  const instance = BENCH_INSTANCES.find((candidate) => candidate.name === process.env[CHILD_FLAG])!;
  process.send!(await runCase(instance));
  process.exit(0);
} else {
  await main();
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const instances = BENCH_INSTANCES.filter((instance) => wanted.length === 0 || wanted.includes(instance.name));
  console.log(`Tandem matching benchmark — ${describeMachine()}`);
  console.log(
    'Compiled code (tsc), as in production. Times are wall-clock: the first run in a fresh process (cold JIT) and the best\n' +
      'of the runs, with the CPU time they took (all threads of the process) beside them; on a busy machine the CPU time is the\n' +
      'steadier figure. From 10,000 people, also through worker threads as the app solves: on its warm standby worker, and in a\n' +
      'worker started for the round (both include starting or waking the thread and copying the round in and the result out).\n',
  );
  const reports: CaseReport[] = [];
  for (const instance of instances) {
    const report = await inChild(instance.name);
    reports.push(report);
    printCase(report);
  }
  printSummary(reports);
}

function inChild(name: string): Promise<CaseReport> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, [], {
      env: { ...process.env, [CHILD_FLAG]: name },
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=4096'],
    });
    child.once('message', (report) => resolve(report as CaseReport));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`benchmark of ${name} exited with ${code}`)));
  });
}

async function runCase(instance: InstanceOptions & { name: string }): Promise<CaseReport> {
  const gc = exposeGc();
  const input = generateInstance(instance);
  const people = instance.mentees + instance.mentors;
  const seats = input.mentors.reduce((sum, mentor) => sum + mentor.capacity, 0);

  gc();
  const before = process.memoryUsage();
  let first = 0;
  let best = Infinity;
  let firstCpu = 0;
  let bestCpu = Infinity;
  let result: MatchResult | undefined;
  let memory: CaseReport['memory'] = { peakExtraMb: 0, heapExtraMb: 0 };
  const runs = people <= 5000 ? 5 : people <= 20_000 ? 3 : 2;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    result = solveMatching(input);
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (run === 0) {
      first = elapsed;
      firstCpu = cpuMs;
    }
    best = Math.min(best, elapsed);
    bestCpu = Math.min(bestCpu, cpuMs);
    if (run === 0) {
      // Peak resident memory so far, against the baseline taken after building the instance
      // (an upper bound: the instance generation itself may have peaked higher).
      const after = process.memoryUsage();
      const peakRss = process.resourceUsage().maxRSS * 1024;
      memory = { peakExtraMb: (peakRss - before.rss) / 2 ** 20, heapExtraMb: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20 };
    }
  }
  const solved = result!;

  let worker: CaseReport['worker'] = null;
  if (people >= 10_000) {
    let started = performance.now();
    const cold = await solveInWorker(input);
    const coldMs = performance.now() - started;
    const standby = startStandbyMatcher();
    await new Promise((resolve) => setTimeout(resolve, STANDBY_WARM_UP_MS)); // the app's standby has long warmed up when an admin asks
    started = performance.now();
    const warm = await standby.solve(input);
    const warmMs = performance.now() - started;
    await standby.close();
    const expected = JSON.stringify(solved);
    worker = { coldMs, warmMs, same: JSON.stringify(cold) === expected && JSON.stringify(warm) === expected };
  }

  let dense: CaseReport['dense'] = null;
  if (people <= DENSE_LIMIT) {
    const started = performance.now();
    const solution = solveDense(input);
    dense = { ms: performance.now() - started, matched: solution.matched, total: solution.totalScore };
  }

  const greedy = solveGreedy(input);
  return {
    name: instance.name,
    people,
    seats,
    tandem: {
      firstMs: first,
      bestMs: best,
      firstCpuMs: firstCpu,
      bestCpuMs: bestCpu,
      runs,
      matched: solved.stats.matched,
      total: solved.totalScore,
      rounds: solved.stats.rounds,
      candidatePairs: solved.stats.candidatePairs,
      compatiblePairs: solved.stats.compatiblePairs,
    },
    memory,
    worker,
    dense,
    greedy: { matched: greedy.matched, total: greedy.totalScore },
  };
}

function printCase(report: CaseReport): void {
  const { tandem, dense, greedy, memory, worker } = report;
  const lines = [
    `${report.name} (${report.people.toLocaleString('en')} people, ${report.seats.toLocaleString('en')} seats)`,
    `  Tandem   ${ms(tandem.firstMs)} first (cpu ${ms(tandem.firstCpuMs)}), ${ms(tandem.bestMs)} best of ${tandem.runs} (cpu ${ms(tandem.bestCpuMs)}) | matched ${tandem.matched} | total ${tandem.total} | ` +
      `${tandem.rounds} proof round(s), ${tandem.candidatePairs.toLocaleString('en')} of ${tandem.compatiblePairs.toLocaleString('en')} allowed pairs looked at | ` +
      `peak +${memory.peakExtraMb.toFixed(0)} MB RSS, +${memory.heapExtraMb.toFixed(0)} MB heap kept`,
  ];
  if (worker) {
    lines.push(
      `  worker   ${ms(worker.warmMs)} on the app's warm standby, ${ms(worker.coldMs)} in a worker started for the round (thread start, copies both ways) | same result: ${worker.same ? 'yes' : 'NO'}`,
    );
  }
  if (dense) {
    const equal = dense.matched === tandem.matched && dense.total === tandem.total;
    lines.push(`  munkres  ${ms(dense.ms)} | matched ${dense.matched} | total ${dense.total} | pruned == dense optimum: ${equal ? 'yes' : 'NO'}`);
  } else {
    lines.push('  munkres  — (dense solve not feasible at this size)');
  }
  const lost = ((tandem.total - greedy.total) / Math.max(1, tandem.total)) * 100;
  lines.push(
    `  greedy   matched ${greedy.matched} (${tandem.matched - greedy.matched} fewer) | total ${greedy.total} (${lost.toFixed(1)} % less), over all allowed pairs`,
  );
  console.log(lines.join('\n') + '\n');
}

function printSummary(reports: CaseReport[]): void {
  const checked = reports.filter((report) => report.dense);
  const equal = checked.filter((report) => report.dense!.matched === report.tandem.matched && report.dense!.total === report.tandem.total);
  console.log(`Pruned solving equals the dense optimum on ${equal.length} of ${checked.length} instances up to ${DENSE_LIMIT.toLocaleString('en')} people.`);
  console.log('| instance | Tandem first | best | cpu first | cpu best | worker warm | worker cold | peak RSS | matched | total | munkres | munkres total | greedy matched | greedy total |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    console.log(
      `| ${r.name} | ${ms(r.tandem.firstMs)} | ${ms(r.tandem.bestMs)} | ${ms(r.tandem.firstCpuMs)} | ${ms(r.tandem.bestCpuMs)} | ` +
        `${r.worker ? ms(r.worker.warmMs) : '—'} | ${r.worker ? ms(r.worker.coldMs) : '—'} | +${r.memory.peakExtraMb.toFixed(0)} MB | ${r.tandem.matched} | ${r.tandem.total} | ` +
        `${r.dense ? ms(r.dense.ms) : '—'} | ${r.dense ? r.dense.total : '—'} | ${r.greedy.matched} | ${r.greedy.total} |`,
    );
  }
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

/** global.gc without requiring the flag on the command line. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
