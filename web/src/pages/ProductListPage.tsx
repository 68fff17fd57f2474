import { useMe } from '../api/queries';
import { useFrame } from '../features/frame/FrameContext';
import { canCreateProducts } from '../features/frame/Sidebar';
import { TopBar } from '../features/frame/TopBar';
import { ProductList } from '../features/products/ProductList';
import { Button } from '../ui/Button';

export function ProductListPage() {
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
              <Button variant="primary" onClick={openNewProduct}>
                + New product
              </Button>
            )}
          </div>
          <ProductList />
        </div>
      </div>
    </>
  );
}
