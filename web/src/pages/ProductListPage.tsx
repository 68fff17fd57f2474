import { Link } from 'react-router';
import { useMe } from '../api/queries';
import { useFrame } from '../features/frame/FrameContext';
import { canCreateProducts } from '../features/frame/Sidebar';
import { TopBar } from '../features/frame/TopBar';
import { ProductList } from '../features/products/ProductList';
import { Button } from '../ui/Button';
import { usePageTitle } from '../features/frame';

export function ProductListPage() {
  usePageTitle('Products');
  const me = useMe().data;
  const { openNewProduct } = useFrame();
  return (
    <>
      <TopBar>
        <span className="topbar-title">Products</span>
      </TopBar>
      <div className="page-area">
        <div className="page">
          <div className="page-header">
            <h1>Products</h1>
            {me && canCreateProducts(me) && (
              <div className="row">
                <Link to="/import" className="btn btn-secondary">
                  Import from Jira, Trello or Ordo
                </Link>
                <Button variant="primary" onClick={openNewProduct}>
                  + New product
                </Button>
              </div>
            )}
          </div>
          <ProductList />
        </div>
      </div>
    </>
  );
}
