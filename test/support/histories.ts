import fs from 'node:fs';
import path from 'node:path';

/**
 * The real delivery histories in test/fixtures/history (licences beside them; see
 * test/fixtures/README.md), as records a forecast can learn from: TAWOS gives only the day each
 * issue was resolved, the agile-project-dataset the day each task was created and finished.
 */

export interface RealHistory {
  name: string;
  rows: Array<{ created: string | null; done: string | null }>;
}

const HISTORY = path.resolve(import.meta.dirname, '../fixtures/history');

const TAWOS = [
  ['Apache Mesos (TAWOS)', 'Apache_Mesos'],
  ['Spring XD (TAWOS)', 'Spring_XD'],
  ['Hyperledger Fabric (TAWOS)', 'Hyperledger_Fabric'],
] as const;

/** Two more TAWOS teams, smaller and slower, that the forecasting method was designed without (docs/decisions/0011). */
const HELD_OUT = [
  ['Mule APIkit (TAWOS)', 'Mule_APIkit'],
  ['Hyperledger Blockchain Explorer (TAWOS)', 'Hyperledger_Blockchain_Explorer'],
] as const;

const tawos = ([name, file]: readonly [string, string]): RealHistory => ({
  name,
  rows: fs
    .readFileSync(path.join(HISTORY, 'tawos', `${file}.csv`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => ({ created: null, done: line.trim() })),
});

/** The five histories issue 11 measured the forecast on. */
export function realHistories(): RealHistory[] {
  const histories: RealHistory[] = TAWOS.map(tawos);
  const agile = fs
    .readFileSync(path.join(HISTORY, 'agile-project-dataset.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(/"/g, '')));
  for (const project of ['0', '1']) {
    histories.push({
      name: `agile-project-dataset, project ${project}`,
      rows: agile.filter((c) => c[1] === project).map((c) => ({ created: c[3] || null, done: c[4] || null })),
    });
  }
  return histories;
}

/** Histories kept out of the method's design, to check it on teams it has not seen. */
export function heldOutHistories(): RealHistory[] {
  return HELD_OUT.map(tawos);
}
