// GET /assets/:file: the browser bundle. Names carry a content hash, so these (and only these)
// may be cached for good; they hold no case data. Compressed copies go to browsers that take them.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../../domain/errors.ts';
import { audience } from '../../plugins/audience.ts';
import type { WebAssets } from '../../web/web-assets.ts';
import { StrictObject } from '../schemas.ts';

/** The best encoding the browser accepts (q=0 means refused, RFC 9110 §12.5.3); br before gzip. */
function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (quality === undefined || Number(quality.slice(2)) > 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

export function webAssetRoutes(parent: FastifyInstance, assets: WebAssets): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/assets/:file',
    { config: { audience: audience.public }, schema: { hide: true, params: StrictObject({ file: Type.String({ maxLength: 100 }) }) } },
    (request, reply) => {
      const asset = assets.find(request.params.file);
      if (!asset) throw new NotFoundError('No such asset.');
      const encoding = acceptedEncoding(request.headers['accept-encoding']);
      void reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding').type(asset.contentType);
      if (encoding === 'br') return reply.header('content-encoding', 'br').send(asset.brotli);
      if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.identity);
    },
  );
}
