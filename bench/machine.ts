// What the figures were measured on: they depend on what else the machine runs, so say it beside them.
import { availableParallelism, loadavg } from 'node:os';

export function describeMachine(): string {
  return `node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`;
}
