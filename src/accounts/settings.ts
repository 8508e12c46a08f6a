/**
 * The limits of accounts and sign-in. Every number that protects production (timeouts, code
 * life and tries, failure limits, password hashing cost) is configuration with these defaults
 * (README "Configuration"), so tests can set them low to exercise them and leave them alone
 * everywhere else.
 */
export type AccountSettings = {
  /** A session unused this long is dead (ASVS v4.0.3-3.3.2: 30 minutes). */
  sessionIdleMinutes: number;
  /** A session this old is dead, however busy (ASVS v4.0.3-3.3.2: 12 hours). */
  sessionAbsoluteMinutes: number;
  /** Life of a one-time code sent by SMS (ASVS v5.0.0-6.6.3: at most 10 minutes). */
  otpLifetimeMinutes: number;
  /** Wrong codes accepted per challenge before it dies. */
  otpMaxAttempts: number;
  /** Codes sent to one person per hour (SMS cost and SMS bombing). */
  otpSendsPerHour: number;
  /** Failed sign-ins evaluated per account per hour (ASVS v4.0.3-2.2.1: at most 100). */
  signInFailuresPerHour: number;
  /** scrypt parameters for new password hashes; stored hashes carry their own. */
  scrypt: ScryptParameters;
};

/** scrypt cost: N (a power of two), block size r, parallelism p. */
export type ScryptParameters = { N: number; r: number; p: number };

/**
 * OWASP's scrypt equivalents of N=2^17, r=8, p=1 include N=2^15, r=8, p=3: 32 MiB per hash
 * instead of 128, so concurrent sign-ins do not exhaust memory.
 */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 3 };

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  sessionIdleMinutes: 30,
  sessionAbsoluteMinutes: 12 * 60,
  otpLifetimeMinutes: 10,
  otpMaxAttempts: 5,
  otpSendsPerHour: 10,
  signInFailuresPerHour: 100,
  scrypt: DEFAULT_SCRYPT,
};

/** HTTP rate limits (in-process, per IP / per account); `false` in AppOptions turns them off. */
export type RateLimitSettings = {
  /** Requests per minute per IP to the API (static assets are exempt). */
  globalPerMinute: number;
  /** Sign-in, activation and recovery requests per minute, per IP and per national code. */
  signInPerMinute: number;
};

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { globalPerMinute: 300, signInPerMinute: 5 };
