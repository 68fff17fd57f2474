import { sql } from 'kysely';
import type { Fixture } from './fixture.js';
import { median, type SequentialClient } from './load.js';

/** What the machine itself allows one sequential client, measured beside the figures it bounds. */
export interface MachineFloor {
  /** median of GET /api/health: one request through the server with one read, nothing else */
  requestMs: number;
  /** median of a one-row INSERT committed on its own, from the bench process straight to the database */
  commitMs: number;
}

const RUNS = 200;

/**
 * The floor under every sequential write figure on this machine (issue 14). A create or a move
 * is at least one request and one commit; on PostgreSQL the commit waits for the WAL to reach
 * the disk (`synchronous_commit = on`, DESIGN.md), and how long that takes is the machine's (its
 * disk and its virtualisation), not Ordo's: `pg_test_fsync` gave 0.24 ms on one machine of this
 * kind, and a one-row commit took 0.65–1.07 ms on another (docs/decisions/0015, wave 6). Without
 * this figure beside them, runs of the bench on two machines cannot be compared.
 *
 * The insert goes to a table of its own, created and dropped here, through the bench's own
 * connection, while the server is idle.
 */
export async function measureFloor(f: Fixture, client: SequentialClient): Promise<MachineFloor> {
  // A fresh server answers its first thousand requests at half speed while V8 compiles the path.
  for (let i = 0; i < 2_000; i++) await client.expect(200, 'GET', '/api/health');
  const requests: number[] = [];
  for (let i = 0; i < RUNS; i++) requests.push((await client.expect(200, 'GET', '/api/health')).ms);

  const db = f.handle.db;
  const id = f.dialect === 'postgres' ? sql`serial primary key` : sql`integer primary key`;
  await sql`CREATE TABLE bench_floor (id ${id}, note text NOT NULL)`.execute(db);
  try {
    const commits: number[] = [];
    for (let i = 0; i < 50 + RUNS; i++) {
      const t0 = performance.now();
      await sql`INSERT INTO bench_floor (note) VALUES (${`row ${i}`})`.execute(db);
      if (i >= 50) commits.push(performance.now() - t0);
    }
    return { requestMs: median(requests), commitMs: median(commits) };
  } finally {
    await sql`DROP TABLE bench_floor`.execute(db);
  }
}
