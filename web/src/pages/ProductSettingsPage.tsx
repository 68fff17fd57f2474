import { useParams } from 'react-router';
import { useProduct } from '../api/queries';
import { MembersSection } from '../features/settings/MembersSection';
import { ProductSection } from '../features/settings/ProductSection';
import { WorkflowSection } from '../features/settings/WorkflowSection';
import { SkeletonRows } from '../ui/Skeleton';
import '../features/settings/settings.css';

export function ProductSettingsPage() {
  const product = useProduct(useParams().key ?? '').data;
  if (!product) return <SkeletonRows count={10} />;
  return (
    <div className="settings">
      <ProductSection product={product} />
      <MembersSection product={product} />
      <WorkflowSection product={product} />
    </div>
  );
}
