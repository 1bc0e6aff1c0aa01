/** Transport icons drawn as SVG: the Unicode media symbols are missing from many system fonts. */
const paths = {
  reset: 'M3 3h2v14H3zM17 3v14L6 10z',
  packetBack: 'M10 3v14L2 10zM18 3v14l-8-7z',
  back: 'M14 3v14L4 10z',
  play: 'M6 3v14l11-7z',
  pause: 'M5 3h4v14H5zM11 3h4v14h-4z',
  forward: 'M6 3v14l10-7z',
  packetForward: 'M2 3v14l8-7zM10 3v14l8-7z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
