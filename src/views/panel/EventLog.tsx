import { useLayoutEffect, useRef } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import { keepInView } from './keep-in-view';

const selectLog = (s: ExplorerState) => s.frame?.log;
const selectSeek = (s: ExplorerState) => s.seek;
const selectPause = (s: ExplorerState) => s.pause;

/** Each recent event in one plain sentence; the latest is the current one. Click a line to go there. */
export function EventLog() {
  const log = useExplorer(selectLog) ?? [];
  const seek = useExplorer(selectSeek);
  const pause = useExplorer(selectPause);
  const list = useRef<HTMLOListElement>(null);
  const current = log.at(-1)?.index;
  useLayoutEffect(() => {
    // Keep the current sentence in view, in the list and in the panel around it, without moving the page.
    const el = list.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    const line = el.querySelector<HTMLElement>('li.current');
    if (line) keepInView(line);
  }, [current]);
  return (
    <section className="event-log" aria-label="Event log">
      <h2>What just happened</h2>
      {log.length === 0 && <p className="muted">Press Play (Space) or step forward (→) to send the first packet.</p>}
      <ol ref={list} aria-live="polite">
        {log.map((line, i) => {
          const current = i === log.length - 1;
          return (
            <li key={line.index} className={`kind-${line.kind}${current ? ' current' : ''}`} aria-current={current ? 'step' : undefined}>
              <button type="button" onClick={() => (pause(), seek(line.index + 1))} title={`Go to event ${line.index + 1}`}>
                <span className="event-number">{line.index + 1}</span> {line.sentence}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
