import { Link } from 'react-router';
import { useMe } from '../../api/queries';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { useFrame, canCreateProducts } from '../frame';
import { useProducts } from './useProducts';
import './products.css';

const ROLE_LABELS: Record<string, string> = {
  admin: 'Admin',
  lead: 'Lead',
  owner: 'Owner',
  developer: 'Developer',
  qa: 'QA',
  stakeholder: 'Stakeholder',
  viewer: 'Viewer',
};

export function ProductList() {
  const me = useMe().data;
  const products = useProducts();
  const { openNewProduct } = useFrame();
  const mayCreate = !!me && canCreateProducts(me);

  if (products.isPending) return <SkeletonRows count={4} height={64} />;
  if (products.isError) return <ErrorState error={products.error} onRetry={() => void products.refetch()} />;
  if (products.data.items.length === 0) {
    return mayCreate ? (
      <EmptyState
        title="No products yet"
        action={
          <Button variant="primary" onClick={openNewProduct}>
            + New product
          </Button>
        }
      >
        A product holds one backlog, its board and the people around it. Create the first one to start ordering work.
      </EmptyState>
    ) : (
      <EmptyState title="No products yet">You are not on any product. Ask a product owner or an admin to add you to one.</EmptyState>
    );
  }
  return (
    <ul className="product-list">
      {products.data.items.map((p) => (
        <li key={p.key}>
          <Link to={`/p/${p.key}/backlog`} className="product-card">
            <span className="product-card-key">{p.key}</span>
            <span className="product-card-body">
              <span className="product-card-name">{p.name}</span>
              {p.vision && <span className="product-card-vision">{p.vision}</span>}
            </span>
            <span className="product-card-role">{ROLE_LABELS[p.role] ?? p.role}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
