// The dpo views of the staff area and the paths they answer: retention and legal holds, the purge
// log (DPO only), and the indicators (DPO and admins).
import type { StaffRoute } from '../app-context.ts';
import { indicatorsView } from './dpo/indicators-view.ts';
import { purgeLogView } from './dpo/purge-log-view.ts';
import { retentionView } from './dpo/retention-view.ts';

export const dpoRoutes: readonly StaffRoute[] = [
  { pattern: '/staff/dpo', view: retentionView, access: ['dpo'] },
  { pattern: '/staff/dpo/purge-log', view: purgeLogView, access: ['dpo'] },
  { pattern: '/staff/indicators', view: indicatorsView, access: ['dpo', 'admin'] },
];
