import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WEB_DIR } from './build-web.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** A real `ordo serve` on a fresh data directory, serving the built web app. */
export interface OrdoServer {
  url: string;
  /** the one-time token printed for the first admin */
  setupToken: string;
  output(): string;
  stop(): Promise<void>;
}

/** `env` adds to the server's environment (SMTP_URL, PUBLIC_URL, …). */
export async function startOrdo(env: NodeJS.ProcessEnv = {}): Promise<OrdoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, WEB_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.on('data', (d) => (printed += d));
  child.stderr.on('data', (d) => (printed += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const { url, setupToken } = await new Promise<{ url: string; setupToken: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ordo serve did not start in 30 s:\n${printed}`)), 30_000);
    child.stdout.on('data', () => {
      const running = /Ordo is running at (http:\/\/\S+)/.exec(printed);
      const token = /setup token:\s+(\S+)/.exec(printed);
      if (running && token) {
        clearTimeout(timer);
        resolve({ url: running[1]!, setupToken: token[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ordo serve exited with ${code}:\n${printed}`));
    });
  });

  return {
    url,
    setupToken,
    output: () => printed,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
