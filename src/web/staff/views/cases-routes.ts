// The cases views of the staff area and the paths they answer.
import type { StaffRoute } from '../app-context.ts';
import { caseListView } from './cases/case-list-view.ts';
import { caseView } from './cases/case-view.ts';
import { committeeView } from './cases/committee-view.ts';

export const casesRoutes: readonly StaffRoute[] = [
  { pattern: '/staff/cases', view: caseListView, access: ['referent', 'committee'] },
  { pattern: '/staff/cases/:id', view: caseView, access: ['referent', 'committee'] },
  { pattern: '/staff/committee', view: committeeView, access: ['committee'] },
];
