import { randomBytes } from 'node:crypto';
import { Api } from '../test/e2e/support/api.js';
import { startOrdo } from '../test/support/ordo-process.js';
import { fmt, type BenchContext, type SectionResult, type Table } from './lib/report.js';

const MB = 1024 * 1024;
const SIZES_MB = [1, 5, 25];
const ROUNDS = 4;

/**
 * Attachments: upload and download speed through a real `ordo serve` for files of 1, 5 and 25 MB
 * (the default limit), and the server's memory high-water mark before and after, which shows that
 * a file is streamed to disk and back, never held whole. Files are stored on disk whatever the
 * database, so this section runs on SQLite only.
 */
export async function attachmentsBench(ctx: BenchContext): Promise<SectionResult> {
  const speed: Table = {
    title: `Uploading and downloading one file at a time (${ROUNDS} files of each size, different bytes each)`,
    columns: ['size', 'upload p50 ms', 'upload MB/s', 'download p50 ms', 'download MB/s'],
    rows: [],
  };
  const server = await startOrdo();
  try {
    const { api } = await Api.setup(server.url, server.setupToken);
    await api.createProduct('ATT', 'Attachments');
    const item = await api.createItem('ATT', { title: 'Files' });
    const token = (api as unknown as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const peakBefore = server.peakRssMb();
    for (const size of SIZES_MB) {
      ctx.log(`${size} MB × ${ROUNDS}`);
      const ups: number[] = [];
      const downs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const body = randomBytes(size * MB);
        let t = performance.now();
        const res = await fetch(`${server.url}/api/items/${item.key}/attachments?name=file-${size}-${i}.bin`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: new Blob([body]),
        });
        if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
        ups.push(performance.now() - t);
        const { url } = (await res.json()) as { url: string };
        t = performance.now();
        const got = await fetch(`${server.url}${url}`, { headers: auth });
        const bytes = (await got.arrayBuffer()).byteLength;
        downs.push(performance.now() - t);
        if (bytes !== body.length) throw new Error(`downloaded ${bytes} bytes of ${body.length}`);
      }
      const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      speed.rows.push([
        `${size} MB`,
        fmt.ms(p50(ups)),
        (size / (p50(ups) / 1000)).toFixed(0),
        fmt.ms(p50(downs)),
        (size / (p50(downs) / 1000)).toFixed(0),
      ]);
    }
    const peakAfter = server.peakRssMb();
    return {
      tables: [speed],
      notes: [
        `Server memory high-water mark: ${peakBefore.toFixed(0)} MB after start-up, ${peakAfter.toFixed(0)} MB after ${ROUNDS * SIZES_MB.reduce((a, b) => a + b, 0)} MB went through it (a file held whole would add at least 25 MB).`,
      ],
    };
  } finally {
    await server.close();
  }
}
