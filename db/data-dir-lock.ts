// PGlite lets exactly one process own a data folder. A second process (a CLI command
// while the server runs) must refuse rather than open it and corrupt it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

const LOCK_FILE = 'vigie.lock';
// Folders this process holds: a lock file with our own pid that is not in this set was left by
// an earlier process that had the same pid (a container restarted as pid 1), so it is stale.
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock file or throws DataDirBusyError naming the owner; returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}@${os.hostname()}`, { flag: 'wx', mode: 0o600 });
      heldHere.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText = '', host = os.hostname()] = fs.readFileSync(lockPath, 'utf8').trim().split('@');
      const owner = Number(pidText);
      if (host !== os.hostname()) {
        // Another machine or container: its processes cannot be seen from here, so never assume it is gone.
        throw new DataDirBusyError(
          `The embedded database in ${dataDir} is locked by process ${owner} on host "${host}". ` +
            `If no Vigie process uses this folder any more (a container that was killed), delete ${lockPath} and try again.`,
        );
      }
      const ownedByLiveProcess = owner === process.pid ? heldHere.has(lockPath) : Number.isInteger(owner) && owner > 0 && isAlive(owner);
      if (ownedByLiveProcess) {
        throw new DataDirBusyError(
          `The embedded database in ${dataDir} is in use by another Vigie process (pid ${owner}). ` +
            'Stop the server first, then run this command again (or set DATABASE_URL to use PostgreSQL, which allows several processes).',
        );
      }
      // The owner died without cleaning up (kill -9, power loss): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not take the lock on ${dataDir}; another process keeps taking it.`);
}
