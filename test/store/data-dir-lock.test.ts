// PGlite must never be opened by two processes: the second one stops with a clear message.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/store/data-dir-lock.js';
import { openDatabase } from '../../src/store/database.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-lock-'));
  dirs.push(dir);
  return dir;
}

describe('data directory lock', () => {
  it('refuses a data directory held by another live process, naming it', async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(holder);
    writeFileSync(join(dir, 'tandem.lock'), `${holder.pid}\n`);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
      new RegExp(`already in use by another Tandem process \\(pid ${holder.pid}\\)`),
    );
  });

  it('takes over a lock left by a process that died, and releases it on close', async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => dead.once('exit', resolve));
    writeFileSync(join(dir, 'tandem.lock'), `${dead.pid}\n`);
    const database = await openDatabase({ dataDir: dir });
    expect(readFileSync(join(dir, 'tandem.lock'), 'utf8').trim()).toBe(String(process.pid));
    await database.close();
    expect(() => readFileSync(join(dir, 'tandem.lock'))).toThrow();
  });

  it('refuses a second open in the same process', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(/already open in this process/);
    } finally {
      lock.release();
    }
  });
});
