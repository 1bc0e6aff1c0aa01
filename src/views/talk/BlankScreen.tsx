import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectBlanked = (s: ExplorerState) => s.blanked;
const selectSetBlanked = (s: ExplorerState) => s.setBlanked;

/** The clicker's "blank screen": covers everything so the audience looks at the speaker; the run is paused. */
export function BlankScreen() {
  const blanked = useExplorer(selectBlanked);
  const setBlanked = useExplorer(selectSetBlanked);
  if (!blanked) return null;
  return (
    <div className="blank-screen" data-testid="blank-screen" onClick={() => setBlanked(false)}>
      <p>Paused. Press <kbd>B</kbd> or <kbd>.</kbd> to show the stage again.</p>
    </div>
  );
}
