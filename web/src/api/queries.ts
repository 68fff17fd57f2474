import { queryOptions, useQuery } from '@tanstack/react-query';
import { authApi } from './auth';
import { isApiError } from './client';
import { keys } from './keys';
import { productsApi } from './products';

/** The signed-in user with their products; null when nobody is signed in. */
export const meQuery = () =>
  queryOptions({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await authApi.me();
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });

/** A product with its workflow, members, labels and epics; kept fresh by the event stream. */
export const productQuery = (productKey: string) =>
  queryOptions({ queryKey: keys.product(productKey), queryFn: () => productsApi.get(productKey), staleTime: 5 * 60_000 });

export const useMe = () => useQuery(meQuery());
export const useProduct = (productKey: string) => useQuery(productQuery(productKey));
