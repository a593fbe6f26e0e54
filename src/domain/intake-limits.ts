// Bounds of an organisation's intake settings, shared by the service that enforces them and the
// administration page that states them.

/** Longest admissibility review an organisation may announce (jours ouvrés). */
export const MAX_ADMISSIBILITY_REVIEW_DAYS = 60;
export const MAX_COMMITTEE_QUORUM = 50;

/** Supporting documents: 500 MB per file unless the organisation sets otherwise, within these bounds. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 500_000_000;
export const MIN_DOCUMENT_MAX_BYTES = 1_000_000;
export const MAX_DOCUMENT_MAX_BYTES = 5_000_000_000;
