// Asks the server for a challenge and solves it (the reference client's side of proof of work).
import { fromBase64Url, toBase64Url } from '../crypto/encoding.ts';
import { solveProofOfWork } from '../crypto/proof-of-work.ts';
import type { VigieHttp } from './http.ts';

export interface ProofOfWorkAnswer {
  readonly challenge: string;
  readonly nonce: string;
}

export async function earnProofOfWork(http: VigieHttp, purpose: 'filing' | 'mailbox-login'): Promise<ProofOfWorkAnswer> {
  const issued = await http.expect<{ challenge: string; bits: number }>(201, 'POST', '/api/v1/challenges', { purpose });
  const nonce = await solveProofOfWork(fromBase64Url(issued.challenge), issued.bits);
  return { challenge: issued.challenge, nonce: toBase64Url(nonce) };
}
