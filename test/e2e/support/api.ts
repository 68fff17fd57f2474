import type { TItem, TItemPage } from '../../../src/contract/items.js';

/** Seeds and reads through the HTTP API with a personal token, for what a test is not about. */
export class Api {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Creates the first admin with the setup token, and an API token to act as them. */
  static async setup(
    url: string,
    setupToken: string,
    admin = { name: 'Ann Owner', email: 'ann@example.com', password: 'correct horse battery' },
  ) {
    const res = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ token: setupToken, ...admin }),
    });
    if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${url}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, cookie },
      body: JSON.stringify({ name: 'e2e' }),
    });
    const { token } = (await created.json()) as { token: string };
    return { api: new Api(url, token), admin };
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  createProduct(key: string, name: string) {
    return this.ok('POST', '/api/products', { key, name });
  }

  createItem(productKey: string, item: Record<string, unknown>) {
    return this.ok<TItem>('POST', `/api/products/${productKey}/items`, item);
  }

  async createUser(name: string, email: string, password = 'correct horse battery') {
    const user = await this.ok<{ id: number }>('POST', '/api/users', { name, email, password });
    return { ...user, name, email, password };
  }

  addMember(productKey: string, email: string, role: string) {
    return this.ok('PUT', `/api/products/${productKey}/members`, { email, role });
  }

  /** Item titles in the owner's order. */
  async order(productKey: string): Promise<string[]> {
    const page = await this.ok<TItemPage>('GET', `/api/products/${productKey}/items?limit=500`);
    return page.items.map((i) => i.title);
  }
}
