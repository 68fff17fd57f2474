import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface OrdoProcessOptions {
  /** the SQLite data directory; with neither this nor `databaseUrl`, a fresh temporary one that close() removes */
  dataDir?: string;
  /** postgres://… to serve a PostgreSQL database instead of SQLite */
  databaseUrl?: string;
  /** the built web app to serve (WEB_DIR); ordo's default is dist/web */
  webDir?: string;
  /** 0 (the default) lets the system pick a free port; restart() keeps the one picked */
  port?: number;
  host?: string;
  /** LOG_LEVEL, `warn` unless a test wants the request log */
  logLevel?: string;
  /** more environment for the server (TRUST_PROXY, SECURE_COOKIES, …) */
  env?: NodeJS.ProcessEnv;
  /** more `ordo serve` flags */
  args?: string[];
  /** flags for node itself, before the script (`--cpu-prof`, which NODE_OPTIONS does not take) */
  nodeArgs?: string[];
  /** how long start() waits for the server to say where it listens */
  startTimeoutMs?: number;
}

/**
 * A real `ordo serve` in its own process, as an operator runs it, for a test or a bench.
 *
 * `startOrdo(opts)` is the usual way in. `new OrdoProcess(opts)` gives the data directory before
 * the server starts, to write data into it first. For crash tests: kill() sends SIGKILL and waits
 * for the process to be gone; restart() starts it again on the same port and the same data.
 */
export class OrdoProcess {
  readonly dataDir: string | null;
  readonly databaseUrl: string | null;
  private readonly ownsDataDir: boolean;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private printed = '';
  private listenPort: number;
  private address = '';

  constructor(private readonly opts: OrdoProcessOptions = {}) {
    this.databaseUrl = opts.databaseUrl ?? null;
    this.ownsDataDir = !opts.dataDir && !opts.databaseUrl;
    this.dataDir = opts.dataDir ?? (this.ownsDataDir ? fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-serve-')) : null);
    this.listenPort = opts.port ?? 0;
  }

  /** http://127.0.0.1:PORT, once started */
  get url(): string {
    if (!this.address) throw new Error('ordo serve has not started');
    return this.address;
  }

  /** the port it listens on, once started (for a proxy's upstream list, say); kept across restarts */
  get port(): number {
    if (!this.address) throw new Error('ordo serve has not started');
    return this.listenPort;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('ordo serve is not running');
    return this.child.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** the one-time token a server on an empty database prints for the first admin */
  get setupToken(): string {
    const m = /setup token:\s+(\S+)/.exec(this.printed);
    if (!m) throw new Error(`ordo serve printed no setup token:\n${this.printed}`);
    return m[1]!;
  }

  /** everything the server printed, across restarts, for failure messages */
  output(): string {
    return this.printed;
  }

  /**
   * Spawns the server and resolves once /api/health answers 200. The port comes from the server's
   * own start-up line, so servers started together never race for one port.
   */
  async start(): Promise<this> {
    if (this.running) throw new Error('ordo serve is already running');
    const { opts } = this;
    const where = this.databaseUrl ? ['--database-url', this.databaseUrl] : ['--data-dir', this.dataDir!];
    const child = spawn(
      process.execPath,
      [
        ...(opts.nodeArgs ?? []),
        '--import',
        'tsx',
        'src/cli/main.ts',
        'serve',
        '--port',
        String(this.listenPort),
        '--host',
        opts.host ?? '127.0.0.1',
        ...where,
        ...(opts.args ?? []),
      ],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          // A DATABASE_URL from the caller's environment would win over --data-dir.
          DATABASE_URL: '',
          LOG_LEVEL: opts.logLevel ?? 'warn',
          ...(opts.webDir ? { WEB_DIR: opts.webDir } : {}),
          ...opts.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    live.add(child);
    this.child = child;
    this.exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        live.delete(child);
        resolve();
      }),
    );
    child.stdout!.on('data', (d) => (this.printed += d));
    child.stderr!.on('data', (d) => (this.printed += d));
    const from = this.printed.length;

    const timeoutMs = opts.startTimeoutMs ?? 60_000;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`ordo serve did not start in ${timeoutMs / 1000} s:\n${this.printed}`)), timeoutMs);
        const look = () => {
          const m = /Ordo is running at (http:\/\/\S+)/.exec(this.printed.slice(from));
          if (!m) return;
          clearTimeout(timer);
          child.stdout!.off('data', look);
          resolve(m[1]!);
        };
        child.stdout!.on('data', look);
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`ordo serve exited with ${code ?? signal}:\n${this.printed}`));
        });
      });
      const health = await fetch(`${url}/api/health`);
      if (health.status !== 200) throw new Error(`ordo serve is unhealthy (${health.status}):\n${this.printed}`);
      this.address = url;
    } catch (err) {
      await this.kill();
      throw err;
    }
    this.listenPort = Number(new URL(this.address).port);
    return this;
  }

  /** Asks the server to shut down (SIGTERM), as an operator would; SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the server without warning (SIGKILL by default, as a crash or an OOM kill would) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exited;
  }

  /** Stops the server if it runs and starts it again on the same port and data. */
  async restart(): Promise<this> {
    await this.stop();
    return this.start();
  }

  /** Stops the server and removes the data directory it made for itself. */
  async close(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir && this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** peak resident memory so far (VmHWM), in MB */
  peakRssMb(): number {
    return procStatusMb(this.pid, 'VmHWM');
  }

  /** resident memory now (VmRSS), in MB */
  rssMb(): number {
    return procStatusMb(this.pid, 'VmRSS');
  }

  /** CPU seconds the server process has used (user + system): unlike latency, unmoved by other load */
  cpuSeconds(): number {
    const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself contain spaces; Linux clock ticks are 1/100 s.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }
}

/** Starts `ordo serve` (see OrdoProcess) and waits until it is healthy. */
export function startOrdo(opts: OrdoProcessOptions = {}): Promise<OrdoProcess> {
  return new OrdoProcess(opts).start();
}

/** Runs a one-shot `ordo` command (`user add`, `demo`, `backup`, …) to its end; never rejects, so a test can assert a failure. */
export function runOrdo(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: '', ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

// A test or bench that dies before closing its servers must not leave them running.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
