import { TopBar } from '../features/frame/TopBar';
import { InboxView } from '../features/inbox/InboxView';
import { usePageTitle } from '../features/frame';

export function InboxPage() {
  usePageTitle('Inbox');
  return (
    <>
      <TopBar>
        <span className="topbar-title">Inbox</span>
      </TopBar>
      <div className="page-area">
        <InboxView />
      </div>
    </>
  );
}
