/** ⛔ drawn, so it looks the same where no emoji font is installed. */
export function BlockedIcon({ size = 11 }: { size?: number }) {
  return (
    <svg className="blocked-icon" viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <rect x="3.5" y="6.8" width="9" height="2.4" rx="0.6" fill="var(--bg)" />
    </svg>
  );
}
