import { defineConfig } from 'drizzle-kit';

// Generation only (npm run db:generate); migrations are applied by db/index.ts at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
