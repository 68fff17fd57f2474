import { TopBar } from '../features/frame/TopBar';
import { InboxView } from '../features/inbox/InboxView';

export function InboxPage() {
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
