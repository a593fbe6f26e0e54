// What a report says, as the filing client encrypts it (JSON text inside the report envelope).
// The server never sees this structure; recipients' clients parse it after decryption.
export interface ReportContent {
  readonly format: 'vigie.report';
  readonly version: 1;
  readonly language: 'fr' | 'en';
  readonly category: string;
  readonly whatHappened: string;
  readonly whenAndWhere: string;
  readonly whoIsInvolved: string;
  readonly howYouKnow: string;
  readonly othersAware: string;
  /** Present only for a confidential (non-anonymous) report: shown to the recipients alone. */
  readonly identity: { readonly name: string; readonly contact: string } | null;
}

export function serialiseReport(content: ReportContent): string {
  return JSON.stringify(content);
}

export function parseReport(text: string): ReportContent {
  const parsed = JSON.parse(text) as Partial<ReportContent>;
  if (parsed.format !== 'vigie.report' || parsed.version !== 1) throw new Error(`unknown report format ${String(parsed.format)} v${String(parsed.version)}`);
  return parsed as ReportContent;
}
