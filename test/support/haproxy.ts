import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's HAProxy (`apt-get install haproxy`); tests that need it skip when it is missing. */
export const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
export const haveHaproxy = () => fs.existsSync(HAPROXY);

export interface Haproxy {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** the configuration it runs, for failure messages and the docs */
  config: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * HAProxy in front of several `ordo serve` processes, configured as docs/benchmarks.md recommends
 * for production: round robin, health checks on /api/health, long timeouts for event streams, a
 * request id for each request (X-Request-Id, which Ordo logs and echoes), and a request that finds
 * its server gone or shutting down (connection refused, 503) retried on another.
 */
export function haproxyConfig(port: number, backends: number[], opts: { maxconn?: number } = {}): string {
  return `global
  maxconn ${opts.maxconn ?? 4000}

defaults
  mode http
  timeout connect 2s
  timeout client 1h
  timeout server 1h
  timeout http-request 10s
  # a server busy under load answers its health check late rather than never
  timeout check 5s
  # a stream outlives any request: let it stay open as long as the server keeps it
  timeout tunnel 1h
  retries 3
  option redispatch 1
  # a reader that leaves (a closed tab) ends its stream on the server at once, not at the next heartbeat
  option abortonclose
  retry-on conn-failure empty-response 503
  # Send what a server sends at once. Without it HAProxy forwards a response's body with MSG_MORE,
  # and the kernel holds a small chunk (one event on a stream) for up to 200 ms waiting for more.
  option http-no-delay

frontend ordo
  bind 127.0.0.1:${port}
  unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid
  http-request set-header X-Request-Id %[unique-id] unless { req.hdr(x-request-id) -m found }
  default_backend ordo_servers

backend ordo_servers
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
${backends.map((p, i) => `  server ordo${i} 127.0.0.1:${p} check inter 1s fall 3 rise 2`).join('\n')}
`;
}

/** A free TCP port on 127.0.0.1 (closed again at once; the caller binds it right after). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts HAProxy in the foreground with a config written to a temporary directory; resolves once it accepts connections. */
export async function startHaproxy(backends: number[], opts: { maxconn?: number } = {}): Promise<Haproxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-haproxy-'));
  const port = await freePort();
  const config = haproxyConfig(port, backends, opts);
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, config);
  let printed = '';
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (printed += d));
  child.stderr!.on('data', (d) => (printed += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}:\n${printed}\n${config}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not listen on ${port}:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    config,
    output: () => printed,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
