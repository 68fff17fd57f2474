import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const fresh = async () => {
  vi.resetModules();
  return import('../../src/services/passwords.js');
};

it("hashes at OWASP's scrypt cost (N=2¹⁷, r=8, p=1) unless the test variable lowers it", async () => {
  vi.stubEnv('ORDO_TEST_SCRYPT_N', '');
  const { hashPassword, verifyPassword, needsRehash, PARAMS, DUMMY_HASH } = await fresh();
  expect(PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  const hash = await hashPassword('correct horse battery');
  expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
  expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  expect(await verifyPassword('wrong', hash)).toBe(false);
  expect(needsRehash(hash)).toBe(false);
  // The hashes of earlier versions (N=2¹⁴) still verify and are due for an upgrade.
  expect(needsRehash('scrypt$16384$8$1$AAAA$AAAA')).toBe(true);
  // Unknown e-mails are checked against a hash of today's cost, so they take as long as known ones.
  expect(DUMMY_HASH.startsWith('scrypt$131072$8$1$')).toBe(true);
}, 30_000);

it('refuses a test cost that is not a power of two from 1024', async () => {
  vi.stubEnv('ORDO_TEST_SCRYPT_N', '1000');
  await expect(fresh()).rejects.toThrow(/power of two/);
});

it('matches nothing for a stored hash above today’s cost, rather than spending its memory', async () => {
  const { verifyPassword } = await fresh();
  expect(await verifyPassword('x', 'scrypt$4194304$8$1$AAAA$AAAA')).toBe(false);
});
