import { since } from '../../ui/time';

const DAY = 86_400_000;

/** How long something has waited ("3d"); with `warn`, marked once it is older than two days. */
export function Age({ at, prefix = '', warn = false }: { at: string; prefix?: string; warn?: boolean }) {
  const old = warn && Date.now() - new Date(at).getTime() > 2 * DAY;
  return (
    <time className={`age ${old ? 'is-old' : ''}`} dateTime={at} title={new Date(at).toLocaleString()}>
      {prefix}
      {since(at)}
    </time>
  );
}
