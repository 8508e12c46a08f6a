import { z } from 'zod';
import type { AccountSettings, RateLimitSettings } from '../accounts/settings.ts';
import type { NotificationSettings } from '../notifications/settings.ts';

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
  /** Sessions, one-time codes, failure limits and password hashing (src/accounts/settings.ts). */
  accounts: AccountSettings;
  /** Per-IP and per-account request limits of the HTTP server. */
  rateLimits: RateLimitSettings;
  /** Origins, besides the server's own, allowed to make state-changing requests (CSRF check). */
  allowedOrigins: string[];
  /** Trust X-Forwarded-For from a proxy in front (for per-IP limits and the audit log). */
  trustProxy: boolean;
  /** The outbox: SMTP server, sender, retries (src/notifications/settings.ts). */
  notifications: NotificationSettings;
  /**
   * The ledger's signing key directory (outside the database; null: a key in memory, for tests)
   * and the name it signs checkpoints with (also the prefix of every log's origin).
   */
  ledger: { keyDir: string | null; name: string };
  /**
   * The single window: how many days before a request's due date its office is reminded, how
   * often the deadline job runs, and the largest document accepted.
   */
  services: { reminderDays: number; deadlineIntervalMs: number; maxUploadBytes: number };
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
  TAAVON_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  TAAVON_SESSION_ABSOLUTE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 60)
    .default(12 * 60),
  TAAVON_OTP_LIFETIME_MINUTES: z.coerce.number().int().min(1).max(10).default(10),
  TAAVON_OTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  TAAVON_OTP_SENDS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  TAAVON_SIGN_IN_FAILURES_PER_HOUR: z.coerce.number().int().min(1).max(100).default(100),
  TAAVON_SCRYPT_N: z.coerce
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'TAAVON_SCRYPT_N must be a power of two')
    .default(2 ** 15),
  TAAVON_SCRYPT_P: z.coerce.number().int().min(1).max(16).default(3),
  TAAVON_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  TAAVON_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  TAAVON_ORIGINS: z.string().default(''),
  TAAVON_TRUST_PROXY: z.enum(['true', 'false', '1', '0', '']).default('false'),
  TAAVON_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'TAAVON_SMTP_URL must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TAAVON_MAIL_FROM: z.string().min(3).default('Taavon <no-reply@taavon.localhost>'),
  TAAVON_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  TAAVON_NOTIFY_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  TAAVON_NOTIFY_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2000),
  TAAVON_LEDGER_KEY_DIR: z.string().min(1).default('data/ledger-keys'),
  TAAVON_SERVICE_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  TAAVON_SERVICE_DEADLINE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  TAAVON_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(100).default(10),
  TAAVON_LEDGER_NAME: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'TAAVON_LEDGER_NAME must be a host-like name')
    .default('taavon.mcls.gov.ir'),
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
    accounts: {
      sessionIdleMinutes: e.TAAVON_SESSION_IDLE_MINUTES,
      sessionAbsoluteMinutes: e.TAAVON_SESSION_ABSOLUTE_MINUTES,
      otpLifetimeMinutes: e.TAAVON_OTP_LIFETIME_MINUTES,
      otpMaxAttempts: e.TAAVON_OTP_MAX_ATTEMPTS,
      otpSendsPerHour: e.TAAVON_OTP_SENDS_PER_HOUR,
      signInFailuresPerHour: e.TAAVON_SIGN_IN_FAILURES_PER_HOUR,
      scrypt: { N: e.TAAVON_SCRYPT_N, r: 8, p: e.TAAVON_SCRYPT_P },
    },
    rateLimits: {
      globalPerMinute: e.TAAVON_RATE_LIMIT_PER_MINUTE,
      signInPerMinute: e.TAAVON_SIGN_IN_PER_MINUTE,
    },
    allowedOrigins: e.TAAVON_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    trustProxy: e.TAAVON_TRUST_PROXY === 'true' || e.TAAVON_TRUST_PROXY === '1',
    notifications: {
      smtpUrl: e.TAAVON_SMTP_URL ?? null,
      mailFrom: e.TAAVON_MAIL_FROM,
      maxAttempts: e.TAAVON_NOTIFY_MAX_ATTEMPTS,
      retryBaseSeconds: e.TAAVON_NOTIFY_RETRY_SECONDS,
      dispatchIntervalMs: e.TAAVON_NOTIFY_INTERVAL_MS,
    },
    ledger: { keyDir: e.TAAVON_LEDGER_KEY_DIR, name: e.TAAVON_LEDGER_NAME },
    services: {
      reminderDays: e.TAAVON_SERVICE_REMINDER_DAYS,
      deadlineIntervalMs: e.TAAVON_SERVICE_DEADLINE_INTERVAL_SECONDS * 1000,
      maxUploadBytes: e.TAAVON_MAX_UPLOAD_MB * 1024 * 1024,
    },
  };
}
