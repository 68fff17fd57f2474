import { useParams } from 'react-router';
import { can } from '@ordo/domain/permissions';
import { useProduct } from '../api/queries';
import { MembersSection } from '../features/settings/MembersSection';
import { ProductSection } from '../features/settings/ProductSection';
import { WorkflowSection } from '../features/settings/WorkflowSection';
import { ShareLinksSection } from '../features/share-links';
import { ExportSection } from '../features/settings/ExportSection';
import { WebhooksSection } from '../features/settings/WebhooksSection';
import { SkeletonRows } from '../ui/Skeleton';
import '../features/settings/settings.css';
import { usePageTitle } from '../features/frame';

export function ProductSettingsPage() {
  const product = useProduct(useParams().key ?? '').data;
  usePageTitle('Settings');
  if (!product) return <SkeletonRows count={10} />;
  return (
    <div className="settings">
      <h1 className="visually-hidden">Settings</h1>
      <ProductSection product={product} />
      <MembersSection product={product} />
      <WorkflowSection product={product} />
      {can(product.role, 'share.manage') && <ShareLinksSection product={product} />}
      {can(product.role, 'product.export') && <ExportSection product={product} />}
      {can(product.role, 'webhook.manage') && <WebhooksSection product={product} />}
    </div>
  );
}
