import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock of its own on its data directory, and two processes writing one directory
 * corrupt it. This lock is a file created with O_EXCL holding the owner's pid; a lock whose pid
 * is no longer alive on this host is stale (the owner was killed) and is taken over, so a crash
 * never blocks the next start.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Layan process (pid ${ownerPid}). ` +
        `Stop that process first, or set DATA_DIR to another directory. ` +
        `/ Direktori data ${dataDir} sedang dipakai proses Layan lain (pid ${ownerPid}).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

interface LockContent {
  pid: number;
  hostname: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return undefined;
  }
}

/** Takes the lock on `dataDir` or throws DataDirLockedError when a live process holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'layan.lock');
  const content: LockContent = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLock(file);
      if (owner && owner.hostname === os.hostname() && isAlive(owner.pid) && owner.pid !== process.pid) {
        throw new DataDirLockedError(dataDir, owner.pid);
      }
      if (owner && owner.hostname !== os.hostname()) {
        // Another host (a shared volume): we cannot tell whether it is alive, so refuse.
        throw new DataDirLockedError(dataDir, owner.pid);
      }
      // Stale lock (owner dead, or unreadable half-written file): remove it and retry.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
