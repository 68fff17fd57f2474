import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOrdo } from '../support/ordo-process.js';

/** The commands around the services exports.test.ts covers on both databases: files, messages, exit codes. */
describe('ordo export and ordo import ordo [sqlite]', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-export-cli-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const source = ['--data-dir', path.join(root, 'source')];
  const target = ['--data-dir', path.join(root, 'target')];

  it('exports a product to a file and imports it into another Ordo; a second import of the key fails with exit status 1', async () => {
    expect((await runOrdo(['demo', '--product', 'CLI', ...source])).code).toBe(0);
    const file = path.join(root, 'cli.ordo.json');
    const exported = await runOrdo(['export', '--product', 'CLI', '--format', 'json', '--out', file, ...source]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(`Wrote ${file}`);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const imported = await runOrdo(['import', 'ordo', file, '--product', 'COPY', ...target]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /^Imported COPY: \d+ items, \d+ comments, \d+ attachments, \d+ history rows; people: 0 matched by e-mail, \d+ created/,
    );

    const csv = await runOrdo(['export', '--product', 'COPY', '--format', 'csv', ...target]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^Issue key,Issue id,Issue Type,Summary,/);
    expect(csv.stdout).toMatch(/^COPY-1,1,/m);

    const again = await runOrdo(['import', 'ordo', file, '--product', 'COPY', ...target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ordo: Product key COPY is taken');
  }, 120_000);

  it('names the problem in a file that is not an export, and a product that does not exist', async () => {
    const bad = path.join(root, 'trello.json');
    fs.writeFileSync(bad, JSON.stringify({ name: 'A Trello board', cards: [] }));
    const refused = await runOrdo(['import', 'ordo', bad, ...target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(file): is not an Ordo export');
    const missing = await runOrdo(['export', '--product', 'NOPE', ...target]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Product NOPE not found');
  }, 60_000);
});
