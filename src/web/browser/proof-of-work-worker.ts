// Web worker: solves a proof-of-work challenge off the page's main thread, reporting progress.
import { fromBase64Url, toBase64Url } from '../../crypto/encoding.ts';
import { solveProofOfWork } from '../../crypto/proof-of-work.ts';

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<{ challenge: string; bits: number }>) => void) | null;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { challenge, bits } = event.data;
  solveProofOfWork(fromBase64Url(challenge), bits, { sliceSize: 8192, onSlice: (attempts) => scope.postMessage({ attempts }) }).then(
    (nonce) => scope.postMessage({ nonce: toBase64Url(nonce) }),
    () => scope.postMessage({ failed: true }),
  );
};
