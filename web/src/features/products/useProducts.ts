import { useQuery } from '@tanstack/react-query';
import { keys } from '../../api/keys';
import { productsApi } from '../../api/products';

export function useProducts() {
  return useQuery({ queryKey: keys.products, queryFn: () => productsApi.list() });
}
