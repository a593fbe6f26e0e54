// The DPO API's answers as the views read them (GET /api/v1/dpo/retention, purge log, indicators).
export type RetentionRule = 'R1' | 'R2' | 'R3';

export interface ScheduledPurge {
  readonly caseId: string;
  readonly caseReference: string;
  readonly rule: RetentionRule;
  readonly purgeDueOn: string;
  readonly held: boolean;
}

export interface LegalHold {
  readonly id: string;
  readonly caseId: string;
  readonly caseReference: string;
  readonly caseState: string;
  readonly rule: RetentionRule | null;
  readonly purgeDueOn: string | null;
  readonly reason: string;
  readonly placedBy: { readonly id: string; readonly displayName: string };
  readonly placedAt: string;
}

export interface RetentionOverview {
  readonly today: string;
  readonly policy: { readonly noFollowUpMonths: number; readonly followUpMaxMonths: number };
  readonly counts: readonly { readonly rule: RetentionRule | null; readonly state: string; readonly cases: number }[];
  readonly upcoming: { readonly total: number; readonly cases: readonly ScheduledPurge[] };
  readonly overdue: { readonly total: number; readonly cases: readonly ScheduledPurge[] };
  readonly holds: readonly LegalHold[];
  readonly lastPurgeAt: string | null;
}

export interface PurgeLogEntry {
  readonly id: number;
  readonly caseId: string;
  readonly caseReference: string;
  readonly rule: RetentionRule;
  readonly dueOn: string;
  readonly purgedAt: string;
}

export interface PurgeLogPage {
  readonly entries: readonly PurgeLogEntry[];
  readonly next: string | null;
}

export interface Distribution {
  readonly cases: number;
  readonly median: number | null;
  readonly p90: number | null;
}

export interface Indicators {
  readonly period: { readonly fromMonth: string; readonly toMonth: string; readonly category: string | null };
  readonly received: number;
  readonly inadmissible: number;
  readonly closedWithoutFollowUp: number;
  readonly closedWithFollowUp: { readonly total: number; readonly byKind: Readonly<Record<string, number>> };
  readonly open: number;
  readonly daysToAcknowledgement: Distribution;
  readonly daysToClosure: Distribution;
  readonly feedbackWithinDelay: { readonly due: number; readonly onTime: number; readonly share: number | null };
  readonly byMonth: readonly { readonly month: string; readonly received: number; readonly inadmissible: number; readonly closedWithoutFollowUp: number; readonly closedWithFollowUp: number; readonly open: number }[];
}

export interface IntakeCategory {
  readonly code: string;
  readonly label: { readonly fr: string; readonly en: string };
}
