import { useQuery } from '@tanstack/react-query';
import type { TProduct } from '../../../../src/contract/products';
import { api } from '../../api/client';
import { keys } from '../../api/keys';

export function useProducts() {
  return useQuery({ queryKey: keys.products, queryFn: () => api.get<{ items: TProduct[] }>('/api/products') });
}
