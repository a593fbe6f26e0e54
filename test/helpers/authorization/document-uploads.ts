// One-chunk documents for the authorization matrix: the announce body a client sends, and the
// single ciphertext chunk that completes it, built with the same crypto the browser uses.
import { DocumentEncryptor, documentCiphertextBytes, newDocumentKey, sealDocumentMetadata, wrapDocumentKey } from '../../../src/crypto/document-stream.ts';
import { toBase64Url } from '../../../src/crypto/encoding.ts';
import { newRandomId } from '../../../src/crypto/random-id.ts';

/** Where a document goes: its case, and the key the case's holders and reporter share. */
export interface DocumentHome {
  readonly organisationId: string;
  readonly caseId: string;
  readonly caseKey: Uint8Array;
}

export interface PreparedDocument {
  readonly id: string;
  /** The body of POST …/documents. */
  readonly announcement: { id: string; wrappedKey: string; metadata: string; streamHeader: string; ciphertextBytes: number };
  /** The whole ciphertext: one final chunk. */
  readonly chunk: Uint8Array;
}

export async function prepareDocument(home: DocumentHome, text = 'Bon de commande n° 2026-117, signé du directeur.'): Promise<PreparedDocument> {
  const id = await newRandomId();
  const plaintext = new TextEncoder().encode(text);
  const at = { organisationId: home.organisationId, caseId: home.caseId, documentId: id };
  const key = await newDocumentKey();
  const encryptor = await DocumentEncryptor.start(key, at);
  const chunk = encryptor.encryptChunk(plaintext, true);
  return {
    id,
    announcement: {
      id,
      wrappedKey: toBase64Url(await wrapDocumentKey(home.caseKey, key, at)),
      metadata: toBase64Url(await sealDocumentMetadata(key, { name: 'bon-de-commande.txt', type: 'text/plain', size: plaintext.length }, at)),
      streamHeader: toBase64Url(encryptor.header),
      ciphertextBytes: documentCiphertextBytes(plaintext.length),
    },
    chunk,
  };
}
