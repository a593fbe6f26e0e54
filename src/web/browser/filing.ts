// Files the alert from the page: proof of work (in a worker), then encryption and sealing with the
// same src/crypto code as the Node client (prepareFiling), then one POST of ciphertexts only.
import { HttpError, type VigieHttp } from '../../client/http.ts';
import type { ReportContent } from '../../client/report-content.ts';
import { prepareFiling, type FiledAlert, type IntakeDescription } from '../../client/reporter-client.ts';
import { earnProofOfWorkInPage } from './proof-of-work.ts';

export type FilingStage = 'proving' | 'encrypting' | 'uploading';

export interface FilingRequest {
  readonly intake: IntakeDescription;
  readonly content: ReportContent;
  readonly recipients: string[];
  readonly excluded: string[];
  readonly workerUrl: string;
  readonly onStage: (stage: FilingStage, progress: number) => void;
}

const RETRY_WITH_NEW_CHALLENGE = new Set(['proof_of_work_expired', 'proof_of_work_spent']);

function problemCode(error: unknown): string | undefined {
  if (!(error instanceof HttpError) || typeof error.body !== 'object' || error.body === null) return undefined;
  const code = (error.body as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function problemDetail(error: unknown): string | undefined {
  if (!(error instanceof HttpError) || typeof error.body !== 'object' || error.body === null) return undefined;
  const detail = (error.body as { detail?: unknown }).detail;
  return typeof detail === 'string' ? detail : undefined;
}

export async function fileFromPage(http: VigieHttp, request: FilingRequest): Promise<FiledAlert> {
  const slug = encodeURIComponent(request.intake.organisation.slug);
  for (let attempt = 1; ; attempt++) {
    request.onStage('proving', 0);
    const proof = await earnProofOfWorkInPage(http, 'filing', request.workerUrl, (progress) => request.onStage('proving', progress));
    request.onStage('encrypting', 1);
    const { body, token } = await prepareFiling(request.intake, request.content, { recipients: request.recipients, excluded: request.excluded }, proof);
    request.onStage('uploading', 1);
    try {
      const filed = await http.expect<Omit<FiledAlert, 'token'>>(201, 'POST', `/api/v1/orgs/${slug}/reports`, body);
      return { ...filed, token };
    } catch (error) {
      // A challenge that expired while the reporter read the review step: earn a new one once.
      if (attempt === 1 && RETRY_WITH_NEW_CHALLENGE.has(problemCode(error) ?? '')) continue;
      throw error;
    }
  }
}
