// The Observatory's scan (mdn/mdn-http-observatory src/scanner/index.js): retrieve, run the ten
// tests in its order, grade.
import { contentSecurityPolicyTest } from './csp.ts';
import {
  cookiesTest,
  crossOriginResourcePolicyTest,
  crossOriginResourceSharingTest,
  redirectionTest,
  referrerPolicyTest,
  strictTransportSecurityTest,
  subresourceIntegrityTest,
  xContentTypeOptionsTest,
  xFrameOptionsTest,
} from './header-tests.ts';
import { retrieve, type Front, type Retrieval } from './retrieval.ts';
import { grade, type Grade, type TestResult } from './score-table.ts';

const ALL_TESTS: ((r: Retrieval) => TestResult)[] = [
  (r) => {
    const { csp: _csp, ...result } = contentSecurityPolicyTest(r);
    return result;
  },
  cookiesTest,
  crossOriginResourceSharingTest,
  redirectionTest,
  referrerPolicyTest,
  strictTransportSecurityTest,
  subresourceIntegrityTest,
  xContentTypeOptionsTest,
  xFrameOptionsTest,
  crossOriginResourcePolicyTest,
];

export interface Scan extends Grade {
  readonly statusCode: number;
}

export function gradeRetrieval(retrieval: Retrieval): Scan {
  if (!retrieval.auto) throw new Error('The site seems to be down.');
  if (retrieval.auto.status < 200 || retrieval.auto.status >= 300) throw new Error(`Site did not respond with a 2xx HTTP status code (${retrieval.auto.status} for ${retrieval.url.href}).`);
  return { ...grade(ALL_TESTS.map((test) => test(retrieval))), statusCode: retrieval.auto.status };
}

export async function scan(front: Front, path: string): Promise<Scan> {
  return gradeRetrieval(await retrieve(front, path));
}
