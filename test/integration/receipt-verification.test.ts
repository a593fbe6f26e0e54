// A reporter checks a receipt with the command-line verifier, as anyone could: the receipt and the
// published keys saved to files, then verified offline. Altered receipts and unknown keys fail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { loadOrCreateKeys } from '../../src/crypto/server/key-store.ts';
import { organisationWithReferents, sampleReport } from '../helpers/factories.ts';
import { saveJson as saveJsonIn, verifyReceiptCli } from '../helpers/receipt-cli.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let dir: string;
let filed: FiledAlert;
let organisationName: string;
let keysFile: string;

const saveJson = (name: string, value: unknown) => saveJsonIn(dir, name, value);

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-receipt-'));
  const { organisation } = await organisationWithReferents(t, 1);
  organisationName = organisation.name;
  const reporter = new ReporterClient(t.baseUrl);
  filed = await reporter.file(organisation.slug, sampleReport('MARQUEUR-receipt'));
  keysFile = saveJson('keys.json', await reporter.http.expect(200, 'GET', '/api/v1/keys/receipt'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

describe('npm run verify-receipt', () => {
  it('verifies a receipt offline with the saved keys and says what it attests, in French then English', async () => {
    const outcome = await verifyReceiptCli(saveJson('receipt.json', filed.receipt), '--keys', keysFile);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toContain(filed.caseReference);
    expect(outcome.stdout).toContain(organisationName);
    expect(outcome.stdout).toContain(filed.receipt!.keyId);
    expect(outcome.stdout).toMatch(/blake2b-256:[A-Za-z0-9_-]{43}/);
    expect(outcome.stdout).toContain('ne vaut pas décision sur la recevabilité');
    expect(outcome.stdout).toContain('not a decision on whether the report is admissible');
    expect(outcome.stdout.indexOf('Reçu valide')).toBeLessThan(outcome.stdout.indexOf('Valid receipt'));
  });

  it('also verifies with the single public key, or with the keys fetched from the server', async () => {
    // With "=": a base64url key may start with "-", which parseArgs would take for an option.
    const receiptFile = saveJson('receipt.json', filed.receipt);
    const publicKey = (JSON.parse(fs.readFileSync(keysFile, 'utf8')) as { keys: { keyId: string; publicKey: string }[] }).keys.find((k) => k.keyId === filed.receipt!.keyId)!.publicKey;
    expect(await verifyReceiptCli(receiptFile, `--public-key=${publicKey}`)).toMatchObject({ code: 0, stdout: expect.stringContaining(filed.caseReference) as unknown });
    const online = await verifyReceiptCli(receiptFile, '--server', t.baseUrl);
    expect(online).toMatchObject({ code: 0, stdout: expect.stringContaining(filed.caseReference) as unknown });
    expect(online.stdout).toContain(`fetched online from ${t.baseUrl}`);
  });

  it('says which option to give when no key is named, and exits 2', async () => {
    const outcome = await verifyReceiptCli(saveJson('receipt.json', filed.receipt));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('--keys <saved keys file>');
    expect(outcome.stdout).toBe('');
  });

  it('refuses a receipt whose payload was altered by one character', async () => {
    const reference = filed.caseReference;
    const altered = reference.slice(0, -1) + (reference.endsWith('A') ? 'B' : 'A');
    const tampered = { ...filed.receipt, payload: filed.receipt!.payload.replace(reference, altered) };
    expect(tampered.payload).not.toBe(filed.receipt!.payload);
    const outcome = await verifyReceiptCli(saveJson('tampered.json', tampered), '--keys', keysFile);
    expect(outcome).toMatchObject({ code: 1, stdout: '' });
    expect(outcome.stderr.trim()).toMatch(/^Error: The signature does not hold for key [A-Za-z0-9_-]{11}: the receipt was altered/);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a receipt signed with a key that was never published', async () => {
    const unknown = { ...filed.receipt, keyId: filed.receipt!.keyId.startsWith('A') ? 'BBBBBBBBBBB' : 'AAAAAAAAAAA' };
    const outcome = await verifyReceiptCli(saveJson('unknown-key.json', unknown), '--keys', keysFile);
    expect(outcome).toMatchObject({ code: 1, stdout: '' });
    expect(outcome.stderr).toContain(`No key with id ${unknown.keyId}`);
  });

  it('refuses a keys file that gives the receipt key id to some other public key', async () => {
    const other = (await loadOrCreateKeys(path.join(dir, 'other-keys'))).keys;
    const lying = { algorithm: 'Ed25519', keys: [{ keyId: filed.receipt!.keyId, publicKey: toBase64Url(other.receiptSigning.publicKey) }] };
    const outcome = await verifyReceiptCli(saveJson('receipt.json', filed.receipt), '--keys', saveJson('lying-keys.json', lying));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`has key id ${other.receiptSigning.keyId}, not ${filed.receipt!.keyId}`);
  });

  it('refuses a file that is not a receipt in one line, without a stack trace', async () => {
    const notJson = path.join(dir, 'not-json.json');
    fs.writeFileSync(notJson, '{ "payload": ');
    for (const [file, message] of [
      [notJson, 'is not JSON'],
      [saveJson('not-receipt.json', { caseReference: filed.caseReference }), 'is not a Vigie receipt'],
      [path.join(dir, 'missing.json'), 'Cannot read'],
    ] as const) {
      const outcome = await verifyReceiptCli(file, '--keys', keysFile);
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain(message);
      expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
