// npm run verify-receipt -- receipt.json [--keys keys.json | --public-key=<base64url> | --server https://host]
// Checks a signed receipt and prints what it attests, in French then English. Offline by default:
// the keys come from a saved GET /api/v1/keys/receipt answer, or from one public key; --server asks
// the organisation's own server, which proves less than a copy saved when the receipt was given.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fromBase64Url } from '../src/crypto/encoding.ts';
import { receiptKeyId, receiptSignatureHolds, type SignedReceipt } from '../src/crypto/receipts.ts';

const USAGE =
  'Usage: npm run verify-receipt -- receipt.json --keys keys.json\n' +
  '   or: npm run verify-receipt -- receipt.json --public-key=<base64url>   (with "=": a key may start with "-")\n' +
  '   or: npm run verify-receipt -- receipt.json --server https://alertes.example.fr\n' +
  'keys.json is the answer of GET /api/v1/keys/receipt, saved when you received the receipt.';

/** A failure the person verifying can act on: printed as one sentence, exit code 1. */
class ReceiptCheckError extends Error {
  override name = 'ReceiptCheckError';
}

interface TrustedKey {
  readonly publicKey: Uint8Array;
  readonly source: { readonly fr: string; readonly en: string };
}

interface Attestation {
  readonly organisation: { readonly slug: string; readonly name: string };
  readonly caseReference: string;
  readonly receivedAt: string;
  readonly reportDigest: string;
  readonly statement: { readonly fr: string; readonly en: string };
  readonly keyId: string;
  /** 'acknowledgement' or 'closure' (a closure notice also says when and how the case closed). */
  readonly kind?: string;
  readonly closedAt?: string;
  readonly outcome?: string;
}

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { keys: { type: 'string' }, 'public-key': { type: 'string' }, server: { type: 'string' } } });
  } catch (error) {
    usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage('Give exactly one receipt file.');
  const sources = [values.keys, values['public-key'], values.server].filter((v) => v !== undefined);
  if (sources.length === 0) usage('Say which key to verify with: --keys <saved keys file> (best), --public-key=<base64url>, or --server <url> (online).');
  if (sources.length > 1) usage('Give only one of --keys, --public-key, --server.');
  return { receiptFile: positionals[0]!, keysFile: values.keys, publicKey: values['public-key'], server: values.server };
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReceiptCheckError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ReceiptCheckError(`${file} is not JSON.`);
  }
}

/** The public key must hash to the key id it is given for, whoever listed it. */
async function trustedKey(publicKeyText: string, keyId: string, source: TrustedKey['source']): Promise<TrustedKey> {
  let publicKey: Uint8Array;
  try {
    publicKey = fromBase64Url(publicKeyText);
  } catch {
    throw new ReceiptCheckError(`The public key (${source.en}) is not base64url.`);
  }
  const actualId = await receiptKeyId(publicKey);
  if (actualId !== keyId) throw new ReceiptCheckError(`The public key (${source.en}) has key id ${actualId}, not ${keyId}: it is not the key that signed this receipt.`);
  return { publicKey, source };
}

/** Picks the receipt's key from a GET /api/v1/keys/receipt answer (saved to a file or fetched). */
async function keyFromKeysAnswer(answer: unknown, keyId: string, source: TrustedKey['source']): Promise<TrustedKey> {
  const { algorithm, keys } = (typeof answer === 'object' && answer !== null ? answer : {}) as { algorithm?: unknown; keys?: unknown };
  if (algorithm !== 'Ed25519' || !Array.isArray(keys)) {
    throw new ReceiptCheckError(`The keys (${source.en}) are not an answer of GET /api/v1/keys/receipt: expected { "algorithm": "Ed25519", "keys": [...] }.`);
  }
  const listed = (keys as { keyId?: unknown; publicKey?: unknown }[]).find((k) => k?.keyId === keyId);
  if (typeof listed?.publicKey !== 'string') throw new ReceiptCheckError(`No key with id ${keyId} in the keys (${source.en}): the receipt names a key this organisation never published.`);
  return trustedKey(listed.publicKey, keyId, source);
}

function asReceipt(value: unknown, file: string): SignedReceipt {
  const r = value as Partial<Record<keyof SignedReceipt, unknown>> | null;
  if (typeof r !== 'object' || r === null || typeof r.payload !== 'string' || typeof r.signature !== 'string' || typeof r.keyId !== 'string') {
    throw new ReceiptCheckError(`${file} is not a Vigie receipt: expected a JSON object with the strings "payload", "signature" and "keyId".`);
  }
  return { payload: r.payload, signature: r.signature, keyId: r.keyId };
}

/** Reads the signed payload; only called once the signature holds, so its content is the server's. */
function attestationOf(receipt: SignedReceipt): Attestation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(receipt.payload);
  } catch {
    throw new ReceiptCheckError('The signature holds but the payload is not JSON: this is not a Vigie receipt.');
  }
  const payload = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const organisation = payload.organisation as Record<string, unknown> | undefined;
  const statement = payload.statement as Record<string, unknown> | undefined;
  const texts = [payload.caseReference, payload.receivedAt, payload.reportDigest, payload.keyId, organisation?.slug, organisation?.name, statement?.fr, statement?.en];
  if (payload.type !== 'vigie.receipt' || payload.version !== 1 || !texts.every((t) => typeof t === 'string')) {
    throw new ReceiptCheckError('The signature holds but the payload is not a version 1 Vigie receipt; this tool cannot read it.');
  }
  // The outer keyId only picked the key; the one inside the payload is the signed one.
  if (payload.keyId !== receipt.keyId) {
    throw new ReceiptCheckError(`The signed payload names key ${shown(payload.keyId as string)}, not ${receipt.keyId}: this receipt is inconsistent, do not rely on it.`);
  }
  return payload as unknown as Attestation;
}

// The payload is signed but still text from elsewhere: no terminal control characters.
function shown(text: string): string {
  return text.replace(/\p{Cc}/gu, '\uFFFD');
}

function printAttestation(a: Attestation, key: TrustedKey): void {
  const organisation = `${shown(a.organisation.name)} (${shown(a.organisation.slug)})`;
  const closure = a.kind === 'closure';
  console.log('Reçu valide : la signature est correcte.');
  console.log(`  Nature :                   ${closure ? 'avis de clôture' : 'accusé de réception'}`);
  console.log(`  Organisation :             ${organisation}`);
  console.log(`  Référence du signalement : ${shown(a.caseReference)}`);
  console.log(`  Reçu le :                  ${shown(a.receivedAt)}`);
  console.log(`  Empreinte du signalement : ${shown(a.reportDigest)}`);
  if (closure) console.log(`  Clos le :                  ${shown(String(a.closedAt))} (issue : ${shown(String(a.outcome))})`);
  console.log(`  Clé de signature :         ${a.keyId} (${key.source.fr})`);
  console.log(`  Texte : ${shown(a.statement.fr)}`);
  console.log('');
  console.log('Valid receipt: the signature holds.');
  console.log(`  Kind:           ${closure ? 'closure notice' : 'acknowledgement of receipt'}`);
  console.log(`  Organisation:   ${organisation}`);
  console.log(`  Case reference: ${shown(a.caseReference)}`);
  console.log(`  Received at:    ${shown(a.receivedAt)}`);
  console.log(`  Report digest:  ${shown(a.reportDigest)}`);
  if (closure) console.log(`  Closed at:      ${shown(String(a.closedAt))} (outcome: ${shown(String(a.outcome))})`);
  console.log(`  Signing key:    ${a.keyId} (${key.source.en})`);
  console.log(`  Statement: ${shown(a.statement.en)}`);
}

async function fetchKeysAnswer(server: string): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(`${server.replace(/\/+$/, '')}/api/v1/keys/receipt`);
  } catch {
    throw new ReceiptCheckError(`--server ${server} is not a URL (expected https://host).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ReceiptCheckError(`--server must be an http(s) URL, not ${url.protocol}`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new ReceiptCheckError(`Could not reach ${url.href}. Check the address, or verify offline with --keys.`);
  }
  if (!response.ok) throw new ReceiptCheckError(`${url.href} answered HTTP ${response.status}; verify offline with --keys.`);
  try {
    return await response.json();
  } catch {
    throw new ReceiptCheckError(`${url.href} did not answer JSON.`);
  }
}

async function verify(): Promise<void> {
  const args = parseCommandLine();
  const receipt = asReceipt(readJsonFile(args.receiptFile), args.receiptFile);
  if (!/^[A-Za-z0-9_-]{11}$/.test(receipt.keyId)) throw new ReceiptCheckError(`${args.receiptFile}: "keyId" is not a receipt key id (11 base64url characters).`);
  let key: TrustedKey;
  if (args.publicKey !== undefined) {
    key = await trustedKey(args.publicKey, receipt.keyId, { fr: 'clé donnée en argument', en: 'key given as argument' });
  } else if (args.keysFile !== undefined) {
    key = await keyFromKeysAnswer(readJsonFile(args.keysFile), receipt.keyId, { fr: `fichier ${args.keysFile}`, en: `file ${args.keysFile}` });
  } else {
    const server = args.server!;
    key = await keyFromKeysAnswer(await fetchKeysAnswer(server), receipt.keyId, { fr: `obtenue en ligne de ${server}`, en: `fetched online from ${server}` });
  }
  if (!(await receiptSignatureHolds(receipt, key.publicKey))) {
    throw new ReceiptCheckError(`The signature does not hold for key ${receipt.keyId}: the receipt was altered, or this key did not sign it.`);
  }
  printAttestation(attestationOf(receipt), key);
}

try {
  await verify();
} catch (error) {
  // Our own errors are sentences; anything else shows its type only, never a stack trace.
  console.error(error instanceof ReceiptCheckError ? `Error: ${error.message}` : `Error: unexpected failure (${error instanceof Error ? error.name : typeof error})`);
  process.exitCode = 1;
}
