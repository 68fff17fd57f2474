import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUserByCli, cliTargets } from '../support/cli.js';
import { DIALECTS } from '../support/harness.js';
import { runOrdo } from '../support/ordo-process.js';

const JIRA = path.resolve(import.meta.dirname, '..', 'fixtures', 'jira', 'tes-small-cloud-2025.csv');
const TRELLO = path.resolve(import.meta.dirname, '..', 'fixtures', 'trello', 'tekken-notes-2025.json');

for (const dialect of DIALECTS) {
  describe(`ordo import jira|trello [${dialect}]`, () => {
    const target = cliTargets(dialect);

    it('dry-runs, imports, and exits non-zero naming the problem when the key is taken or the file is wrong', async () => {
      const where = await target();
      await addUserByCli(where, { email: 'ann@example.com', name: 'Ann Owner', password: 'secret pass 1', admin: true });

      const dry = await runOrdo(['import', 'jira', JIRA, '--product', 'TES', '--dry-run', '--map-status', 'In Progress=Review', ...where]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('Dry run: would import into TES (new product "TestAutoGen")');
      expect(dry.stdout).toContain('22 items, 17 comments');
      expect(dry.stdout).toContain('In Progress → Review (in_progress, by override)');

      const real = await runOrdo(['import', 'jira', JIRA, '--product', 'TES', ...where]);
      expect(real.code).toBe(0);
      expect(real.stdout).toContain('Imported into TES');

      const again = await runOrdo(['import', 'jira', JIRA, '--product', 'TES', ...where]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('Product TES exists and has items');

      const wrong = await runOrdo(['import', 'trello', JIRA, '--product', 'TRL', ...where]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/line 1, column 1: the file is not valid JSON/);

      const trello = await runOrdo(['import', 'trello', TRELLO, '--product', 'TEK', '--json', ...where]);
      expect(trello.code).toBe(0);
      expect(JSON.parse(trello.stdout).counts).toMatchObject({ items: 11, criteria: 24 });
      // Six processes, each starting from source through tsx.
    }, 180_000);
  });
}
