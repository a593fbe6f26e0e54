// Cutting a byte stream that arrives in pieces of any size into pieces of exact sizes.

/** Yields pieces of `sizeOf(i)` bytes (the last one whatever is left), copying at most one piece at a time. */
export async function* exactChunks(source: AsyncIterable<Uint8Array>, sizeOf: (index: number) => number): AsyncGenerator<Uint8Array> {
  let index = 0;
  let chunk = new Uint8Array(sizeOf(0));
  let filled = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      const take = Math.min(piece.length - offset, chunk.length - filled);
      chunk.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === chunk.length) {
        yield chunk;
        index++;
        chunk = new Uint8Array(sizeOf(index));
        filled = 0;
      }
    }
  }
  if (filled > 0) yield chunk.subarray(0, filled);
}

/** A fetch body (a WHATWG stream) as async-iterable pieces, in browsers that lack ReadableStream's own iterator too. */
export async function* piecesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
