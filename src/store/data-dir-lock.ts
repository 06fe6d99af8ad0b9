// PGlite corrupts its data directory silently when two processes open it: a lock file prevents that.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TandemError } from '../core/errors.js';

export interface DataDirLock {
  path: string;
  release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'tandem.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner !== null && owner !== process.pid && isAlive(owner)) {
        throw new TandemError(
          'database_error',
          `The embedded database in ${dataDir} is already in use by another Tandem process (pid ${owner}). ` +
            'Stop that process, or give this one its own TANDEM_DATA_DIR, or set DATABASE_URL to share a Postgres server between processes.',
        );
      }
      if (owner === process.pid) {
        throw new TandemError('database_error', `The embedded database in ${dataDir} is already open in this process.`);
      }
      // The owner died without releasing the lock: take it over.
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first; retry the exclusive create.
      }
    }
  }
  throw new TandemError('database_error', `Could not lock the embedded database in ${dataDir}; retry in a moment.`);
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isFinite(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
