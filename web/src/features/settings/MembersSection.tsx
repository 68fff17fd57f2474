import { useState, type FormEvent } from 'react';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import type { ProductRole } from '@ordo/domain/roles';
import { errorMessage, isApiError } from '../../api/client';
import { useMe } from '../../api/queries';
import { productsApi } from '../../api/products';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { PRODUCT_ROLES, ROLE_HINTS, ROLE_LABELS } from './roles';
import { useProductChange } from './useProductChange';

export function MembersSection({ product }: { product: TProductDetail }) {
  const me = useMe().data;
  const manage = can(product.role, 'member.manage');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ProductRole>('developer');
  const add = useProductChange(product.key, (v: { email: string; role: ProductRole }) => productsApi.setMember(product.key, v), {
    inline: true,
  });
  const change = useProductChange(product.key, (v: { userId: number; role: ProductRole }) => productsApi.setMember(product.key, v));
  const remove = useProductChange(product.key, (userId: number) => productsApi.removeMember(product.key, userId), {
    success: 'Removed from the product',
  });
  const fields = isApiError(add.error) ? add.error.fields : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') });
  };

  return (
    <section className="settings-section" aria-labelledby="members-heading">
      <header>
        <h2 id="members-heading">Members</h2>
        <p className="muted">Who works on this product, and what their role lets them do.</p>
      </header>
      <table className="table members">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            {manage && <th />}
          </tr>
        </thead>
        <tbody>
          {product.members.map((m) => (
            <tr key={m.userId}>
              <td>
                <span className="row">
                  <Avatar name={m.name} size={22} />
                  {m.name}
                  {m.userId === me?.id && <span className="faint">(you)</span>}
                </span>
              </td>
              <td className="muted">{m.email}</td>
              <td>
                {manage && m.role !== 'admin' ? (
                  <select
                    className="select"
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    onChange={(e) => change.mutate({ userId: m.userId, role: e.target.value as ProductRole })}
                  >
                    {PRODUCT_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                ) : (
                  ROLE_LABELS[m.role]
                )}
              </td>
              {manage && (
                <td style={{ textAlign: 'right' }}>
                  <Button size="sm" variant="danger" onClick={() => remove.mutate(m.userId)} aria-label={`Remove ${m.name}`}>
                    Remove
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {manage && (
        <form className="member-add" onSubmit={submit} noValidate>
          <Field
            label="Add someone by email"
            type="email"
            placeholder="name@example.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fields.email ?? fields.userId ?? (add.error && !fields.role ? errorMessage(add.error) : undefined)}
          />
          <div className="field">
            <label htmlFor="new-member-role">Role</label>
            <select id="new-member-role" className="select" value={role} onChange={(e) => setRole(e.target.value as ProductRole)}>
              {PRODUCT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]} — {ROLE_HINTS[r]}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="primary" disabled={!email.trim()} busy={add.isPending}>
            Add
          </Button>
        </form>
      )}
    </section>
  );
}
