import { TopBar } from '../features/frame/TopBar';
import { PortfolioView } from '../features/portfolio/PortfolioView';
import { usePageTitle } from '../features/frame';

/** /portfolio: the products the signed-in lead oversees (admins: all). */
export function PortfolioPage() {
  usePageTitle('Portfolio');
  return (
    <>
      <TopBar>
        <span className="topbar-title">Portfolio</span>
      </TopBar>
      <div className="page-area">
        <PortfolioView />
      </div>
    </>
  );
}
