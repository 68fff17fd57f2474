import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A real `ordo serve` in its own process, as an operator would run it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** everything it printed, for failure messages */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `ordo serve` on a free port with the given flags and waits until /api/health answers.
 * The port comes from the server's own start-up line, so two servers never race for one port.
 */
export async function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (d) => (printed += d));
  child.stderr!.on('data', (d) => (printed += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ordo serve did not start in 30 s:\n${printed}`)), 30_000);
    const look = () => {
      const m = /Ordo is running at (http:\/\/\S+)/.exec(printed);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ordo serve exited with ${code}:\n${printed}`));
    });
  });
  const health = await fetch(`${url}/api/health`);
  if (health.status !== 200) throw new Error(`ordo serve is unhealthy (${health.status}):\n${printed}`);

  return {
    url,
    child,
    output: () => printed,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
