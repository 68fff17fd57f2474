import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { addUserByCli, signIn } from '../support/cli.js';
import { OrdoProcess } from '../support/ordo-process.js';

/** The helper crash tests stand on: a server killed without warning comes back on its port with its data. */
describe('ordo serve in its own process', () => {
  const server = new OrdoProcess();
  afterAll(() => server.close());

  it('comes back on the same port with the same data after kill -9, and close() removes its temporary data', async () => {
    const added = await addUserByCli(['--data-dir', server.dataDir!], { email: 'ann@example.com', name: 'Ann', password: 'secret pass 1' });
    expect(added.code, added.stderr).toBe(0);
    await server.start();
    const url = server.url;
    const signInAnn = () => signIn(url, 'ann@example.com', 'secret pass 1');
    expect((await signInAnn()).status).toBe(200);

    const pid = server.pid;
    await server.kill();
    expect(server.running).toBe(false);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    expect(() => process.kill(pid, 0)).toThrow();

    await server.restart();
    expect(server.url).toBe(url);
    expect(server.port).toBe(Number(new URL(url).port));
    expect(server.pid).not.toBe(pid);
    expect((await signInAnn()).status).toBe(200);

    await server.close();
    expect(fs.existsSync(server.dataDir!)).toBe(false);
  }, 90_000);
});
