import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectNotices = (s: ExplorerState) => s.linkNotices;
const selectSetNotices = (s: ExplorerState) => s.setLinkNotices;

/**
 * What an opened link asked for that could not be used, and what is shown instead. Polite (a
 * status, not an alert): the page works; the person may want to know why it differs from the link.
 * Every value is text, escaped by React.
 */
export function LinkNotice() {
  const notices = useExplorer(selectNotices);
  const setNotices = useExplorer(selectSetNotices);
  if (notices.length === 0) return null;
  return (
    <section className="notice link-notice" role="status" aria-label="About this link" data-testid="link-notice">
      <p><strong>Parts of this link could not be used</strong>, so defaults are shown for them:</p>
      <ul>
        {notices.slice(0, 8).map((n, i) => <li key={i}>{n}</li>)}
        {notices.length > 8 && <li>{`… and ${notices.length - 8} more.`}</li>}
      </ul>
      <button type="button" onClick={() => setNotices([])}>Dismiss</button>
    </section>
  );
}
