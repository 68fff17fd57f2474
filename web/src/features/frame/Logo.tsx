export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
      <rect width="16" height="16" rx="4" fill="var(--accent)" />
      <path d="M4 5h8M4 8h6M4 11h4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
