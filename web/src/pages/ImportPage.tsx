import { TopBar } from '../features/frame/TopBar';
import { ImportWizard } from '../features/imports';
import { usePageTitle } from '../features/frame';

/** /import: a new product from a Jira, Trello or Ordo export. */
export function ImportPage() {
  usePageTitle('Import');
  return (
    <>
      <TopBar>
        <span className="topbar-title">Import</span>
      </TopBar>
      <div className="page-area">
        <div className="page">
          <div className="page-header">
            <div>
              <h1>Import from Jira, Trello or Ordo</h1>
              <p className="muted">Bring a backlog along with its order, states, comments, checklists and history.</p>
            </div>
          </div>
          <ImportWizard />
        </div>
      </div>
    </>
  );
}
