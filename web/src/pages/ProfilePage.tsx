import { usePageTitle } from '../features/frame';
import { TopBar } from '../features/frame/TopBar';
import { PasswordChange } from '../features/profile/PasswordChange';
import { ProfileDetails } from '../features/profile/ProfileDetails';
import { SessionList } from '../features/profile/SessionList';
import { TokenList } from '../features/tokens/TokenList';
import '../features/profile/profile.css';

/** Everything about your own account: name, e-mail, password, where you are signed in, API tokens. */
export function ProfilePage() {
  usePageTitle('Profile');
  return (
    <>
      <TopBar>
        <span className="topbar-title">Profile</span>
      </TopBar>
      <div className="page-area">
        <div className="page">
          <div className="page-header">
            <div>
              <h1>Profile</h1>
              <p className="muted">Your name is shown on everything you do; you sign in with your e-mail.</p>
            </div>
          </div>
          <div className="stack" style={{ gap: 32 }}>
            <section className="profile-section" aria-labelledby="profile-details">
              <h2 id="profile-details">Name and e-mail</h2>
              <ProfileDetails />
            </section>
            <section className="profile-section" aria-labelledby="profile-password">
              <h2 id="profile-password">Password</h2>
              <PasswordChange />
            </section>
            <section className="profile-section" aria-labelledby="profile-sessions">
              <h2 id="profile-sessions">Where you are signed in</h2>
              <SessionList />
            </section>
            <section className="profile-section" aria-labelledby="profile-tokens">
              <h2 id="profile-tokens">API tokens</h2>
              <p className="muted">Personal tokens for scripts, the CLI and integrations. They act as you, with your roles.</p>
              <TokenList />
            </section>
          </div>
        </div>
      </div>
    </>
  );
}
