import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/** OWASP's current recommendation for scrypt: N=2¹⁷, r=8, p=1 (128 MiB and a few hundred ms per hash). */
export const OWASP_N = 2 ** 17;

/**
 * The test suites create hundreds of users; at full cost that alone would take minutes. They set
 * ORDO_TEST_SCRYPT_N (a power of two, 1024 or more) in vitest.config.ts; `ordo serve` warns when it
 * is set. Never set it in production: it lowers the cost of every new hash.
 */
export const TEST_COST_VARIABLE = 'ORDO_TEST_SCRYPT_N';

function costN(): number {
  const raw = process.env[TEST_COST_VARIABLE];
  if (!raw) return OWASP_N;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1024 || (n & (n - 1)) !== 0 || n > OWASP_N)
    throw new Error(`${TEST_COST_VARIABLE} must be a power of two from 1024 to ${OWASP_N}`);
  return n;
}

export const PARAMS = { N: costN(), r: 8, p: 1 };

/** scrypt needs 128·N·r bytes; Node refuses above 32 MiB unless told. Twice the need leaves room for N=2¹⁷. */
const maxmem = (N: number, r: number) => 2 * 128 * N * r;

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, { ...PARAMS, maxmem: maxmem(PARAMS.N, PARAMS.r) });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const N = Number(n);
  const R = Number(r);
  // A stored hash beyond today's cost is not ours (or is an attack on memory): it matches nothing.
  if (!(N <= OWASP_N && R <= 8 && Number(p) <= 1)) return false;
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N, r: R, p: Number(p), maxmem: maxmem(N, R) });
  return timingSafeEqual(expected, actual);
}

/** Whether a stored hash was made at a lower cost than today's: it is replaced at the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < PARAMS.N || Number(r) < PARAMS.r || Number(p) < PARAMS.p;
}

/** A password hash that matches nothing, at today's cost, so unknown emails cost as much time as known ones. */
export const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
