/** A bell, drawn in the current text colour. */
export function BellIcon({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" aria-hidden="true">
      <path
        d="M8 1.75a4.25 4.25 0 0 0-4.25 4.25v2.4L2.6 10.55c-.3.5.06 1.2.65 1.2h9.5c.6 0 .95-.7.65-1.2L12.25 8.4V6A4.25 4.25 0 0 0 8 1.75Z"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
      <path d="M6.25 13.25a1.85 1.85 0 0 0 3.5 0" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}
