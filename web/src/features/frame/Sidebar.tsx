import { Link, NavLink, useParams } from 'react-router';
import { useMe } from '../../api/queries';
import { Logo } from './Logo';
import { useFrame } from './FrameContext';
import { useInboxCount } from '../inbox';

/** Admins and leads start products; everyone else is given a role on one. */
export function canCreateProducts(me: { isAdmin: boolean; products: { role: string }[] }) {
  return me.isAdmin || me.products.some((p) => p.role === 'lead');
}

/** The products and the inbox; on narrow screens a drawer (`open`), hidden from focus and screen readers while closed. */
export function Sidebar({ open = false }: { open?: boolean }) {
  const me = useMe().data;
  const { key } = useParams();
  const { openNewProduct } = useFrame();
  const inbox = useInboxCount().data ?? 0;
  if (!me) return null;
  return (
    <aside className={`sidebar ${open ? 'is-open' : ''}`} id="sidebar" aria-label="Ordo">
      <Link to="/" className="sidebar-brand">
        <Logo />
        Ordo
      </Link>
      <nav aria-label="You" className="sidebar-section sidebar-personal">
        <NavLink
          to="/inbox"
          className={({ isActive }) => `sidebar-link ${isActive ? 'is-active' : ''}`}
          data-testid="sidebar-inbox"
          data-count={inbox}
        >
          <span className="sidebar-name">Inbox</span>
          {inbox > 0 && (
            <span className="sidebar-count" aria-label={`${inbox} waiting`}>
              {inbox}
            </span>
          )}
        </NavLink>
        {(me.isAdmin || me.products.some((p) => p.role === 'lead')) && (
          <NavLink
            to="/portfolio"
            className={({ isActive }) => `sidebar-link ${isActive ? 'is-active' : ''}`}
            data-testid="sidebar-portfolio"
          >
            <span className="sidebar-name">Portfolio</span>
          </NavLink>
        )}
      </nav>
      <nav aria-label="Products" className="sidebar-section">
        <NavLink to="/" end className="sidebar-heading">
          Products
        </NavLink>
        {me.products.map((p) => (
          <Link
            key={p.key}
            to={`/p/${p.key}/backlog`}
            className={`sidebar-link ${p.key === key ? 'is-active' : ''}`}
            aria-current={p.key === key ? 'page' : undefined}
          >
            <span className="sidebar-dot" aria-hidden="true" />
            <span className="sidebar-name">{p.name}</span>
            <span className="sidebar-key">{p.key}</span>
          </Link>
        ))}
        {canCreateProducts(me) && (
          <button type="button" className="sidebar-link sidebar-add" onClick={openNewProduct}>
            <span aria-hidden="true">+</span> New product
          </button>
        )}
        {canCreateProducts(me) && (
          <NavLink to="/import" className={({ isActive }) => `sidebar-link sidebar-add ${isActive ? 'is-active' : ''}`}>
            <span aria-hidden="true">↥</span> Import
          </NavLink>
        )}
      </nav>
    </aside>
  );
}
