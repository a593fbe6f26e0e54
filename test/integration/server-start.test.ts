// `npm start` as a new user runs it: the real entry point, a fresh data folder and keys folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// node with tsx's loader, as the Dockerfile runs it: the tsx CLI would stand between the signal and
// the server (it relays SIGTERM and, when the machine is slow to confirm, kills the child itself).
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('server start-up', () => {
  it('on a fresh folder: makes 0600 keys, opens the embedded database, serves /health, stops on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-start-'));
    dirs.push(dir);
    const port = await freePort();
    const server = startServer({ PORT: String(port), DATA_DIR: path.join(dir, 'data'), KEYS_DIR: path.join(dir, 'keys') });
    let health: Response | undefined;
    for (let i = 0; i < 250 && !health; i++) {
      await new Promise((r) => setTimeout(r, 200));
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    }
    expect(health?.status, server.output()).toBe(200);
    expect(await health?.json()).toEqual({ status: 'ok', database: 'ok' });
    for (const file of fs.readdirSync(path.join(dir, 'keys'))) {
      expect(fs.statSync(path.join(dir, 'keys', file)).mode & 0o777, file).toBe(0o600);
    }
    expect(server.output()).toContain('first start: new server keys were generated');
    expect(server.output()).toContain('mail is off (no SMTP_URL): staff notifications are kept for the staff pages, not e-mailed');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // The lock is released on a clean stop.
    expect(fs.existsSync(path.join(dir, 'data', 'vigie.lock'))).toBe(false);
  });

  it('refuses to start on a world-readable key, saying what to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-start-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'keys'));
    for (const file of ['receipt-signing.key', 'session.key', 'pepper.key', 'data.key']) {
      fs.writeFileSync(path.join(dir, 'keys', file), Buffer.alloc(32, 1), { mode: 0o600 });
    }
    fs.chmodSync(path.join(dir, 'keys', 'session.key'), 0o644);
    const server = startServer({ PORT: String(await freePort()), DATA_DIR: path.join(dir, 'data'), KEYS_DIR: path.join(dir, 'keys') });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Vigie cannot start: .*session.key can be read by other users \(mode 644\)\. Run: chmod 600/);
  });

  it('refuses to start on a malformed setting', async () => {
    const server = startServer({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Vigie cannot start: PORT must be a whole number');
  });
});
