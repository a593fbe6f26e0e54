// The account views of the staff area and the paths they answer.
import type { StaffRoute } from '../app-context.ts';

export const accountRoutes: readonly StaffRoute[] = [];
