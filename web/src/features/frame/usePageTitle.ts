import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { productQuery } from '../../api/queries';

/**
 * The browser tab's title for this page: "Backlog · Payments — Ordo" on a product's page (the
 * product from the URL), "Inbox — Ordo" elsewhere. Each page names itself, so history, bookmarks
 * and screen readers tell pages apart.
 */
export function usePageTitle(page: string | null | undefined) {
  const key = useParams().key?.toUpperCase();
  const product = useQuery({ ...productQuery(key ?? ''), enabled: !!key });
  const productName = key ? (product.data?.name ?? key) : null;
  const title = [page, productName].filter(Boolean).join(' · ');
  useEffect(() => {
    document.title = title ? `${title} — Ordo` : 'Ordo';
  }, [title]);
}
