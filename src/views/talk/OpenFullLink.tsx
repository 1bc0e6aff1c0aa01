import { linkStateOf, writeLink } from '../../share/link-state';
import { useExplorerStore } from '../../store/store-context';

/** In an embedded explorer: open this very moment in the full explorer, in a new tab. */
export function OpenFullLink() {
  const store = useExplorerStore();
  const hrefNow = () => {
    const state = linkStateOf(store.getState());
    return state ? `?${writeLink({ ...state, embed: false })}` : './';
  };
  return (
    <a className="open-full" href="./" target="_blank" rel="noopener"
      onClick={(e) => (e.currentTarget.href = hrefNow())} onAuxClick={(e) => (e.currentTarget.href = hrefNow())}>
      Open in SCR Explorer ↗
    </a>
  );
}
