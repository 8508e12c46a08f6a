import { z } from 'zod';

/** How the server behaves: `demo` seeds demo data and shows the outbox; `production` does neither. */
export type Mode = 'demo' | 'production';

/** Runtime configuration, read once from the environment (documented in README.md). */
export type Config = {
  mode: Mode;
  host: string;
  port: number;
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file is used. */
  databaseUrl: string | null;
  sqliteFile: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Fixed "today" (YYYY-MM-DD or an ISO instant) for demos and tests; null means the real clock. */
  today: string | null;
  /** Path of a JSON file with national overrides of the statutory settings. */
  statuteFile: string | null;
  /** Cooperatives generated into an empty database in demo mode. */
  demoCooperatives: number;
};

const envSchema = z.object({
  TAAVON_MODE: z.enum(['demo', 'production']).default('demo'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TAAVON_SQLITE_FILE: z.string().min(1).default('data/taavon.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TAAVON_TODAY: z.string().optional(),
  TAAVON_STATUTE_FILE: z.string().optional(),
  TAAVON_DEMO_COOPERATIVES: z.coerce.number().int().min(0).max(1_000_000).default(300),
});

/** Reads the configuration from `env`, failing with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;

  return {
    mode: e.TAAVON_MODE,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    sqliteFile: e.TAAVON_SQLITE_FILE,
    logLevel: e.LOG_LEVEL,
    today: e.TAAVON_TODAY ?? null,
    statuteFile: e.TAAVON_STATUTE_FILE ?? null,
    demoCooperatives: e.TAAVON_DEMO_COOPERATIVES,
  };
}
