import type { TProductDetail } from '@ordo/contract';
import { exportUrl } from '../../api/webhooks';

/** Downloads of the product: plain links, so a large export streams straight to disk. */
export function ExportSection({ product }: { product: TProductDetail }) {
  return (
    <section className="settings-section" aria-labelledby="export-heading">
      <header>
        <h2 id="export-heading">Export</h2>
        <p className="muted">
          Take everything with you, or hand the items to a spreadsheet. An Ordo export imports back into any Ordo, history included: on its
          Import page or with <code className="mono">ordo import ordo FILE --product KEY</code>.
        </p>
      </header>
      <div className="export-actions">
        <a className="btn btn-secondary" href={exportUrl(product.key, 'json')} download>
          Download everything (JSON)
        </a>
        <a className="btn btn-secondary" href={exportUrl(product.key, 'csv')} download>
          Download items (CSV)
        </a>
      </div>
    </section>
  );
}
