import { queryOptions, useQuery } from '@tanstack/react-query';
import { authApi } from './auth';
import { keys } from './keys';
import { productsApi } from './products';

/** The signed-in user with their products; null when nobody is signed in. */
export const meQuery = () =>
  queryOptions({
    queryKey: keys.me,
    // The session endpoint answers 200 with `user: null` when signed out, so the sign-in page
    // leaves no failed request in the browser's console.
    queryFn: async () => (await authApi.session()).user,
    staleTime: 60_000,
  });

/** A product with its workflow, members, labels and epics; kept fresh by the event stream. */
export const productQuery = (productKey: string) =>
  queryOptions({ queryKey: keys.product(productKey), queryFn: () => productsApi.get(productKey), staleTime: 5 * 60_000 });

export const useMe = () => useQuery(meQuery());
export const useProduct = (productKey: string) => useQuery(productQuery(productKey));
