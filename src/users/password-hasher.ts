import { Injectable } from '@nestjs/common';
import { randomBytes, scrypt as scryptCallback, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { Env } from '../config/env';
import { KdfGate } from './kdf-gate';

function scrypt(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

/**
 * scrypt (memory-hard, in node:crypto, no native build). The stored string carries its own
 * parameters, `scrypt$<logN>$<r>$<p>$<salt>$<hash>`, so the cost can rise without breaking old hashes.
 * Every hash, check and burn of the process goes through one {@link KdfGate} (KDF_CONCURRENCY at
 * once, KDF_QUEUE waiting, then 503 KdfBusyError), so concurrent sign-ins cannot multiply memory.
 */
@Injectable()
export class PasswordHasher {
  private readonly logN: number;
  readonly gate: KdfGate;

  constructor(env: Env) {
    this.logN = env.PASSWORD_SCRYPT_LOG_N;
    this.gate = new KdfGate(env.KDF_CONCURRENCY, env.KDF_QUEUE);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.gate.run(() =>
      scrypt(password, salt, KEY_LENGTH, this.options(this.logN, BLOCK_SIZE, PARALLELISM)),
    );
    return [
      'scrypt',
      this.logN,
      BLOCK_SIZE,
      PARALLELISM,
      salt.toString('base64'),
      key.toString('base64'),
    ].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, logN, r, p, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt' || !expected) return false;
    const expectedKey = Buffer.from(expected, 'base64');
    const key = await this.gate.run(() =>
      scrypt(
        password,
        Buffer.from(salt, 'base64'),
        expectedKey.length,
        this.options(+logN, +r, +p),
      ),
    );
    return timingSafeEqual(key, expectedKey);
  }

  /** Spends the same effort as a real check, so an unknown e-mail answers as slowly as a wrong password. */
  async burn(password: string): Promise<void> {
    await this.gate.run(() =>
      scrypt(
        password,
        Buffer.alloc(16),
        KEY_LENGTH,
        this.options(this.logN, BLOCK_SIZE, PARALLELISM),
      ),
    );
  }

  private options(logN: number, r: number, p: number): ScryptOptions {
    const N = 2 ** logN;
    return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  }
}
