import { Dialog } from '../../ui/Dialog';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" width={480}>
      <div className="shortcuts">
        {SHORTCUTS.map((s) => (
          <section key={s.section}>
            <h3>{s.section}</h3>
            <dl>
              {s.keys.map(([k, what]) => (
                <div key={k} className="shortcut">
                  <dt>
                    {k.split(' / ').map((part, i) => (
                      <span key={part}>
                        {i > 0 && ' / '}
                        <kbd>{part}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
