// Bounds of an organisation's intake settings, shared by the service that enforces them and the
// administration page that states them.

/** Longest admissibility review an organisation may announce (jours ouvrés). */
export const MAX_ADMISSIBILITY_REVIEW_DAYS = 60;
export const MAX_COMMITTEE_QUORUM = 50;
