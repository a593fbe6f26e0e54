import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusyError, acquireDataDirLock } from '../../db/data-dir-lock.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-lock-'));

describe('data folder lock', () => {
  it('refuses a second opener in the same process and frees the folder on release', () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirBusyError);
    release();
    acquireDataDirLock(dir)();
  });

  it('refuses while another live process holds it, naming that process', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'vigie.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`in use by another Vigie process \\(pid ${process.ppid}\\)\\. Stop the server first`));
  });

  it('takes over a lock left by a dead process, or by an earlier process with our pid (container restart)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'vigie.lock'), '2147483646');
    acquireDataDirLock(dir)();
    fs.writeFileSync(path.join(dir, 'vigie.lock'), String(process.pid));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'vigie.lock'), 'utf8')).toBe(`${process.pid}@${os.hostname()}`);
    release();
  });
});

describe('data folder lock across hosts', () => {
  it('never takes over a lock written on another host (a container it cannot see into)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'vigie.lock'), '1@other-container');
    expect(() => acquireDataDirLock(dir)).toThrow(/locked by process 1 on host "other-container"\. If no Vigie process uses this folder any more .* delete/);
  });
});
