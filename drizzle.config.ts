import { defineConfig } from 'drizzle-kit';

// Tooling only (drizzle-kit generate / studio); the app reads DATABASE_URL through src/config.ts.
export default defineConfig({
  dialect: 'turso',
  schema: './src/infra/db/schema.ts',
  out: './migrations',
  dbCredentials: {
    url: process.env.DATABASE_URL ?? 'file:./data/atelier.db',
    ...(process.env.DATABASE_AUTH_TOKEN ? { authToken: process.env.DATABASE_AUTH_TOKEN } : {}),
  },
});
