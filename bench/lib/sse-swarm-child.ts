import { openSwarm, statsOf, type SseReader, type SwarmAsk } from './sse-swarm.js';

/**
 * One process of a ReaderSwarm (bench/lib/sse-swarm.ts): holds its share of the readers and
 * answers the parent's questions over IPC.
 */
let readers: SseReader[] = [];
const reply = (n: number, value: unknown) => process.send!({ n, value });
process.on('message', (msg: { n: number; ask: SwarmAsk }) => {
  const { n, ask } = msg;
  if (ask.type === 'open')
    openSwarm(ask.url, ask.headers, ask.count, ask.startId).then(
      (opened) => {
        readers = opened;
        reply(n, true);
      },
      (err: Error) => reply(n, { error: err.message }),
    );
  else if (ask.type === 'recording') {
    for (const r of readers) r.recording = ask.on;
    reply(n, true);
  } else if (ask.type === 'behind') reply(n, readers.filter((r) => r.lastId < ask.id).length);
  else if (ask.type === 'stats') reply(n, statsOf(readers));
  else {
    for (const r of readers) r.close();
    reply(n, true);
    process.disconnect();
  }
});
