import { describe, expect, it } from 'vitest';
import { cliTargets } from '../support/cli.js';
import { DIALECTS } from '../support/harness.js';
import { runOrdo } from '../support/ordo-process.js';

for (const dialect of DIALECTS) {
  describe(`ordo user … [${dialect}]`, () => {
    const target = cliTargets(dialect);

    it('adds users, lists them, resets a password, and refuses a duplicate with a clear message', async () => {
      const where = await target();
      const add = await runOrdo([
        'user',
        'add',
        '--email',
        'Ann@Example.com',
        '--name',
        'Ann Owner',
        '--password',
        'secret pass 1',
        '--admin',
        ...where,
      ]);
      expect(add.stdout).toContain('Created admin Ann Owner <ann@example.com>');
      await runOrdo(['user', 'add', '--email', 'sam@example.com', '--name', 'Sam Dev', '--password', 'secret pass 2', ...where]);
      const list = await runOrdo(['user', 'list', ...where]);
      expect(list.stdout).toMatch(/ann@example\.com\s+Ann Owner\s+\(admin\)/);
      expect(list.stdout).toMatch(/sam@example\.com\s+Sam Dev/);
      const reset = await runOrdo(['user', 'reset-password', '--email', 'sam@example.com', '--password', 'another pass', ...where]);
      expect(reset.stdout).toContain('Password reset for sam@example.com');
      const dup = await runOrdo(['user', 'add', '--email', 'sam@example.com', '--name', 'Sam', '--password', 'secret pass 3', ...where]);
      expect(dup.code).toBe(1);
      expect(dup.stderr).toContain('already exists');
    }, 60_000);
  });
}
