// Documents of a case, for the reporter (/api/v1/mailbox/documents) and for staff holding the
// case key (/api/v1/cases/:caseId/documents): announce, upload chunks as a raw stream, follow
// progress, download as a raw stream, abandon an unfinished upload.
import { Readable } from 'node:stream';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { audience, reporterOf, staffOf, type Audience } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { abandonUpload, announceDocument } from '../../services/documents/case-documents.ts';
import { documentFor, documentsVisibleTo, reporterParty, staffParty, type CaseParty } from '../../services/documents/document-access.ts';
import { documentContent } from '../../services/documents/document-download.ts';
import { receiveChunks } from '../../services/documents/document-upload.ts';
import { ClientUuid, StrictObject, Uuid, decodeField } from '../schemas.ts';
import { ChunkQuery, DocumentSchema, NewDocumentBody, presentDocument, presentProgress, ProgressSchema } from './document-schemas.ts';

interface Side {
  readonly prefix: string;
  readonly audience: Audience;
  readonly params: Record<string, TSchema>;
  readonly forStaff: boolean;
  party(request: FastifyRequest): Promise<CaseParty>;
}

function sides(ctx: ServiceContext): Side[] {
  return [
    { prefix: '/api/v1/mailbox/documents', audience: audience.reporter, params: {}, forStaff: false, party: (request) => reporterParty(ctx.db, reporterOf(request)) },
    {
      prefix: '/api/v1/cases/:caseId/documents',
      audience: audience.staff('referent', 'committee'),
      params: { caseId: Uuid },
      forStaff: true,
      party: (request) => staffParty(ctx.db, staffOf(request), (request.params as { caseId: string }).caseId),
    },
  ];
}

const chunkNumber = (query: { from?: string }) => Number(query.from ?? '0');

export async function documentRoutes(parent: FastifyInstance, ctx: ServiceContext): Promise<void> {
  // Encapsulated: only these routes take raw bodies, and they read them as streams.
  await parent.register((scope, _options, done) => {
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    for (const side of sides(ctx)) {
      const config = { audience: side.audience };
      const withDocument = StrictObject({ ...side.params, documentId: ClientUuid });

      app.get(side.prefix, { config, schema: { params: StrictObject(side.params), response: { 200: Type.Object({ documents: Type.Array(DocumentSchema) }) } } }, async (request) => {
        const party = await side.party(request);
        return { documents: (await documentsVisibleTo(ctx.db, party)).map((document) => presentDocument(document, party.kind)) };
      });

      app.post(
        side.prefix,
        { config, schema: { params: StrictObject(side.params), body: NewDocumentBody(side.forStaff), response: { 201: ProgressSchema } } },
        async (request, reply) => {
          const body = request.body as { id: string; wrappedKey: string; metadata: string; streamHeader: string; ciphertextBytes: number; sharedWithReporter?: boolean };
          const document = await announceDocument(ctx, await side.party(request), {
            id: body.id,
            wrappedKey: decodeField('wrappedKey', body.wrappedKey),
            metadata: decodeField('metadata', body.metadata),
            streamHeader: decodeField('streamHeader', body.streamHeader),
            ciphertextBytes: body.ciphertextBytes,
            ...(body.sharedWithReporter === undefined ? {} : { sharedWithReporter: body.sharedWithReporter }),
          });
          return reply.status(201).send(presentProgress(document));
        },
      );

      app.get(`${side.prefix}/:documentId`, { config, schema: { params: withDocument, response: { 200: ProgressSchema } } }, async (request) => {
        const { documentId } = request.params;
        return presentProgress(await documentFor(ctx.db, await side.party(request), documentId));
      });

      app.put(
        `${side.prefix}/:documentId/chunks`,
        {
          config,
          schema: {
            params: withDocument,
            querystring: ChunkQuery,
            headers: Type.Object({ 'content-type': Type.Literal('application/octet-stream') }),
            response: { 200: ProgressSchema },
          },
        },
        async (request) => {
          const { documentId } = request.params;
          const declared = request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']);
          const progress = await receiveChunks(ctx, await side.party(request), documentId, chunkNumber(request.query), request.body as AsyncIterable<Uint8Array>, declared);
          return presentProgress({ id: documentId, ...progress });
        },
      );

      app.get(`${side.prefix}/:documentId/content`, { config, schema: { params: withDocument, querystring: ChunkQuery } }, async (request, reply) => {
        const { documentId } = request.params;
        const content = await documentContent(ctx, await side.party(request), documentId, chunkNumber(request.query));
        return reply
          .type('application/octet-stream')
          .header('content-length', content.length)
          .header('content-disposition', 'attachment')
          .send(Readable.from(content.chunks, { objectMode: false }));
      });

      app.delete(`${side.prefix}/:documentId`, { config, schema: { params: withDocument } }, async (request, reply) => {
        const { documentId } = request.params;
        await abandonUpload(ctx, await side.party(request), documentId);
        return reply.status(204).send();
      });
    }
    done();
  });
}
