import { TopBar } from '../features/frame/TopBar';
import { TokenList } from '../features/tokens/TokenList';
import { usePageTitle } from '../features/frame';

export function TokensPage() {
  usePageTitle('API tokens');
  return (
    <>
      <TopBar>
        <span className="topbar-title">API tokens</span>
      </TopBar>
      <div className="page-area">
        <div className="page">
          <div className="page-header">
            <div>
              <h1>API tokens</h1>
              <p className="muted">Personal tokens for scripts, the CLI and integrations. They act as you, with your roles.</p>
            </div>
          </div>
          <TokenList />
        </div>
      </div>
    </>
  );
}
