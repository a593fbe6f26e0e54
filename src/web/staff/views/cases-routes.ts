// The cases views of the staff area and the paths they answer.
import type { StaffRoute } from '../app-context.ts';

export const casesRoutes: readonly StaffRoute[] = [];
