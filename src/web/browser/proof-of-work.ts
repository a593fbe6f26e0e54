// Earns a proof of work for filing or mailbox login without freezing the page: the search runs
// in a worker; where a worker cannot start, it runs here in slices that yield to the page.
import { fromBase64Url, toBase64Url } from '../../crypto/encoding.ts';
import { solveProofOfWork } from '../../crypto/proof-of-work.ts';
import type { VigieHttp } from '../../client/http.ts';
import type { ProofOfWorkAnswer } from '../../client/proof-of-work-client.ts';

/** progress: an estimate in [0, 1) from the attempts made against the 2^bits expected. */
export type ProgressListener = (progress: number) => void;

function inWorker(workerUrl: string, challenge: string, bits: number, onProgress: ProgressListener): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ attempts?: number; nonce?: string; failed?: boolean }>) => {
      if (event.data.attempts !== undefined) onProgress(1 - Math.exp(-event.data.attempts / 2 ** bits));
      if (event.data.nonce !== undefined || event.data.failed) worker.terminate();
      if (event.data.nonce !== undefined) resolve(event.data.nonce);
      if (event.data.failed) reject(new Error('proof-of-work worker failed'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error('proof-of-work worker could not start'));
    };
    worker.postMessage({ challenge, bits });
  });
}

async function inSlices(challenge: string, bits: number, onProgress: ProgressListener): Promise<string> {
  const nonce = await solveProofOfWork(fromBase64Url(challenge), bits, {
    sliceSize: 2048,
    onSlice: (attempts) => {
      onProgress(1 - Math.exp(-attempts / 2 ** bits));
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
  return toBase64Url(nonce);
}

export async function earnProofOfWorkInPage(http: VigieHttp, purpose: 'filing' | 'mailbox-login', workerUrl: string, onProgress: ProgressListener): Promise<ProofOfWorkAnswer> {
  const issued = await http.expect<{ challenge: string; bits: number }>(201, 'POST', '/api/v1/challenges', { purpose });
  let nonce: string;
  // Where the work ran is noted on the page (the browser test checks the worker did it).
  try {
    nonce = await inWorker(workerUrl, issued.challenge, issued.bits, onProgress);
    document.documentElement.dataset['proofOfWork'] = 'worker';
  } catch {
    nonce = await inSlices(issued.challenge, issued.bits, onProgress);
    document.documentElement.dataset['proofOfWork'] = 'page';
  }
  onProgress(1);
  return { challenge: issued.challenge, nonce };
}
