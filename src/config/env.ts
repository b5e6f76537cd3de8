import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { passwordProblem, passwordProblemText } from '../common/password-policy';
import { Role } from '../court/roles';
import { MIN_SECRET_LENGTH, secretWeakness } from './secret-strength';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? !['false', '0', 'no', 'off', ''].includes(value.toLowerCase())
    : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;
const toIntList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value.split(',').map((part) => (/^\s*-?\d+\s*$/.test(part) ? Number(part) : part))
    : value;

/** Production refuses a cheaper password hash than this (2^15 x 8 x 128 bytes = 32 MiB per hash). */
export const MIN_PRODUCTION_SCRYPT_LOG_N = 15;
/** A stolen token is good for at most this long. */
export const MAX_TOKEN_TTL_SECONDS = 86_400;

/** Every setting the service reads, validated once at boot. Defaults suit one machine. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^/\s]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like postgres://user@host:5432/database',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/guidelines';

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * Signs access tokens. Required in production, where it must be at least 32 characters and look
   * random (src/config/secret-strength.ts); elsewhere, when unset, each start makes a random one.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(MAX_TOKEN_TTL_SECONDS, {
    message: `JWT_TTL_SECONDS must be at most ${MAX_TOKEN_TTL_SECONDS} (24 h)`,
  })
  JWT_TTL_SECONDS = 3600;

  /**
   * Roles whose members must use two-factor sign-in (TOTP): comma-separated, e.g.
   * `ADMIN,SECRETARIAT`. One of them without an enrolment signs in with the password and can then
   * only enrol (every other route answers 403 TOTP_ENROLMENT_REQUIRED). Unset: optional for all.
   */
  @Transform(toList)
  @IsIn(Object.values(Role), {
    each: true,
    message: `REQUIRE_TOTP_ROLES must be roles among ${Object.values(Role).join(', ')}, comma-separated`,
  })
  REQUIRE_TOTP_ROLES: Role[] = [];

  /**
   * Encrypts the TOTP secrets stored in the database (AES-256-GCM with a key derived from it).
   * Unset: derived from JWT_SECRET, so set one of the two to keep enrolments across restarts.
   */
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH, {
    message: `TOTP_SECRET_KEY must be at least ${MIN_SECRET_LENGTH} characters (openssl rand -hex 32)`,
  })
  TOTP_SECRET_KEY?: string;

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  /** Checked by the password policy (src/common/password-policy.ts) in validateEnv. */
  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must look like smtp://user:pass@host:587' })
  SMTP_URL?: string;

  /**
   * When set, `GET /metrics` answers only `Authorization: Bearer <METRICS_TOKEN>` (Prometheus:
   * `authorization.credentials` of the scrape job); unset, it answers anyone who reaches it.
   */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{32,256}$/, {
    message: 'METRICS_TOKEN must be 32 to 256 visible ASCII characters',
  })
  METRICS_TOKEN?: string;

  @IsString()
  MAIL_FROM = 'Court Guidelines <no-reply@guidelines.local>';

  @IsString()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) address' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses or
   * CIDR ranges, comma-separated (`127.0.0.1`, `10.0.0.0/8,::1`). Unset: none, so a client cannot
   * choose the address its sign-in attempts are counted under.
   */
  @IsOptional()
  @Matches(/^[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*$/, {
    message: 'TRUST_PROXY must be addresses or CIDR ranges, comma-separated',
  })
  TRUST_PROXY?: string;

  @IsString()
  @IsValidTimeZone()
  APP_TIMEZONE = 'Asia/Vientiane';

  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  /** Redis key prefix of every queue: lets several installations (or test runs) share one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be letters, digits, - or _' })
  QUEUE_PREFIX = 'cg';

  @IsIn(['on', 'off'])
  WORKERS: 'on' | 'off' = 'on';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** scrypt cost as log2(N); 17 is OWASP's recommendation (128 MiB per hash). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(20)
  PASSWORD_SCRYPT_LOG_N = 17;

  @Transform(toIntList)
  @IsInt({
    each: true,
    message: 'REVIEW_REMINDER_DAYS must be a comma-separated list of whole numbers',
  })
  REVIEW_REMINDER_DAYS: number[] = [-7, -2, 0];

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REVIEW_OVERDUE_EVERY_DAYS = 3;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  REMINDER_HOUR = 9;

  /** Local hour (APP_TIMEZONE) at which the daily digest e-mails are sent. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 8;

  /** Password reset requests allowed per e-mail address (any account or none) per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_PER_EMAIL = 3;

  /** Password reset requests allowed per client address (all e-mails together) per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_PER_ADDRESS = 10;

  /**
   * Sign-in attempts (POST /api/auth/login and /api/auth/session together) per client address,
   * all e-mails together, per SIGN_IN_WINDOW_SECONDS; shared by every API process through Redis.
   * A successful sign-in gives its attempt back.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SIGN_IN_PER_ADDRESS = 10;

  /** Sign-in attempts per e-mail address (an account's or not), from any address, per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SIGN_IN_PER_ACCOUNT = 10;

  /** The window (seconds) the sign-in attempts are counted over. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  SIGN_IN_WINDOW_SECONDS = 60;

  /** Failed sign-ins in a row (within SIGN_IN_LOCK_MINUTES) that lock an e-mail address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  SIGN_IN_LOCK_AFTER = 5;

  /** How long a locked e-mail address refuses every sign-in, the right password too (minutes). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SIGN_IN_LOCK_MINUTES = 15;

  /**
   * Password hashes (scrypt, PASSWORD_SCRYPT_LOG_N: 128 MiB each at 17) computed at once in this
   * process; beyond them, KDF_QUEUE wait, and one more is refused with 503 and Retry-After. Each
   * slot holds one hash's memory: raise it only where that memory is to spare.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  KDF_CONCURRENCY = 1;

  /** Password hashes that may wait for a free KDF slot (a quarter of them from one client address). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  KDF_QUEUE = 16;

  /** E-mail jobs: tries before a notification's e-mail is recorded FAILED. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  EMAIL_ATTEMPTS = 6;

  /** E-mail jobs: first retry delay (ms); each further retry waits twice as long. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  EMAIL_BACKOFF_MS = 60_000;

  /** How often the outbox relay looks for unpublished jobs (ms); it also wakes on every commit. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 500;

  /**
   * Reminders due within this many hours have their job in the queue (Redis); later ones wait in
   * the database alone, and the workers' sweep queues them as they come within it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 366)
  REMINDER_HORIZON_HOURS = 24;

  /**
   * How often the workers' sweep queues the reminders that came within the horizon (ms): at most
   * an hour, and shorter than the horizon.
   */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  REMINDER_SWEEP_MS = 60_000;

  /** Jobs each worker runs at once, per queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 5;

  /**
   * Worker threads that build Word documents (comment matrix, guideline documents) off the
   * event loop; default: one less than the machine's cores, at least 1 and at most 4.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  EXPORT_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));

  /** Word documents that may wait for a thread; one more is refused with 503 and Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  EXPORT_QUEUE = 8;

  /** A job whose worker stops answering for this long (ms) is handed to another worker. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30_000;

  /**
   * TEST ONLY: the relay divides each job's wait by this, so reminders planned days ahead run within
   * seconds. Reminder times stored and shown stay the real schedule. 1 (the default) = real time;
   * any other value is refused unless NODE_ENV=test.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REMINDER_DELAY_DIVISOR = 1;
}

function IsValidTimeZone() {
  return Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, {
    message: 'APP_TIMEZONE must be an IANA zone',
  });
}

export class EnvValidationError extends Error {}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

/** Validates raw environment variables; throws one readable error naming every bad variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''),
  );
  const env = plainToInstance(Env, present, { exposeDefaultValues: true });
  const problems = flatten(validateSync(env, { whitelist: false, stopAtFirstError: true }));
  if (!problems.length && !isKnownTimeZone(env.APP_TIMEZONE)) {
    problems.push(`APP_TIMEZONE "${env.APP_TIMEZONE}" is not a time zone this system knows`);
  }
  if (env.NODE_ENV === 'production') problems.push(...productionWeaknesses(env));
  if (env.NODE_ENV !== 'test' && env.REMINDER_DELAY_DIVISOR !== 1) {
    // Development is the default: a divisor left set there would send real reminders early.
    problems.push(
      `REMINDER_DELAY_DIVISOR is for tests only: it must be 1 unless NODE_ENV=test (NODE_ENV is ${env.NODE_ENV})`,
    );
  }
  if (!problems.length && env.REMINDER_SWEEP_MS >= env.REMINDER_HORIZON_HOURS * 3_600_000) {
    // A sweep as rare as the horizon is long would queue reminders after their time.
    problems.push('REMINDER_SWEEP_MS must be shorter than REMINDER_HORIZON_HOURS');
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be given together');
  }
  const adminPasswordProblem =
    env.ADMIN_PASSWORD && passwordProblem(env.ADMIN_PASSWORD, { email: env.ADMIN_EMAIL });
  if (adminPasswordProblem) {
    problems.push(`ADMIN_PASSWORD: ${passwordProblemText(adminPasswordProblem, 'en')}`);
  }
  if (problems.length) {
    throw new EnvValidationError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (env.JWT_SECRET === undefined) {
    // Never a secret everyone knows: a random one for this start only (AppConfigModule logs it).
    env.JWT_SECRET = randomBytes(32).toString('base64url');
    Object.defineProperty(env, GENERATED_SECRET, { value: true, enumerable: false });
  }
  return env;
}

const GENERATED_SECRET = Symbol('JWT_SECRET generated at start');

/** True when JWT_SECRET was not set and this start made a random one. */
export function jwtSecretGenerated(env: Env): boolean {
  return (env as unknown as Record<symbol, boolean>)[GENERATED_SECRET] === true;
}

/** Settings that start in development but would be weak on a live installation. */
function productionWeaknesses(env: Env): string[] {
  const problems: string[] = [];
  const weakness = env.JWT_SECRET === undefined ? 'MISSING' : secretWeakness(env.JWT_SECRET);
  if (weakness === 'MISSING') problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (weakness === 'TOO_SHORT') {
    problems.push(
      `JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters when NODE_ENV=production (openssl rand -hex 32)`,
    );
  }
  if (weakness === 'LOW_ENTROPY') {
    problems.push(
      'JWT_SECRET looks low-entropy (repeated or too few different characters): use a random one (openssl rand -hex 32)',
    );
  }
  if (weakness === 'PUBLIC') problems.push('JWT_SECRET is a published example: use a random one');
  const metricsTokenWeakness = env.METRICS_TOKEN && secretWeakness(env.METRICS_TOKEN);
  if (metricsTokenWeakness) {
    problems.push(
      'METRICS_TOKEN looks low-entropy or is a published example: use a random one (openssl rand -hex 32)',
    );
  }
  const totpKeyWeakness = env.TOTP_SECRET_KEY && secretWeakness(env.TOTP_SECRET_KEY);
  if (totpKeyWeakness) {
    problems.push(
      'TOTP_SECRET_KEY looks low-entropy or is a published example: use a random one (openssl rand -hex 32)',
    );
  }
  if (env.PASSWORD_SCRYPT_LOG_N < MIN_PRODUCTION_SCRYPT_LOG_N) {
    problems.push(
      `PASSWORD_SCRYPT_LOG_N must be at least ${MIN_PRODUCTION_SCRYPT_LOG_N} when NODE_ENV=production`,
    );
  }
  return problems;
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
