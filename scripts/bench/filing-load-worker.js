// Load generator for bench:intake, in its own thread: the clients' HTTP work (fetch, JSON) must
// not run on the server's event loop, as it would not in production.
import { parentPort, workerData } from 'node:worker_threads';

// Plain JavaScript: a worker thread does not inherit tsx's loader.
/** @type {{ requests: { url: string, body: string }[], workers: number }} */
const { requests, workers } = workerData;
/** @type {number[]} */
const latencies = [];
let accepted = 0;
/** @type {string | undefined} */
let firstRefusal;
let receiptPayload = '';
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(workers, requests.length) }, async () => {
    while (next < requests.length) {
      const { url, body } = requests[next++];
      const sent = performance.now();
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await response.text();
        if (response.status === 201) {
          accepted++;
          receiptPayload = JSON.parse(text).receipt.payload;
        } else firstRefusal ??= `HTTP ${response.status}: ${text}`;
      } catch (error) {
        // The server closing a connection (request timeout) is a refused filing, not a crash of the bench.
        firstRefusal ??= `no answer: ${String(error)}`;
      }
      latencies.push(performance.now() - sent);
    }
  }),
);
parentPort?.postMessage({ seconds: (performance.now() - started) / 1000, latencies, accepted, firstRefusal, receiptPayload });
