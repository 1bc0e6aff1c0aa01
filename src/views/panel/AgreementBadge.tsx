import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectAgreement = (s: ExplorerState) => s.run?.agreement;
const selectCores = (s: ExplorerState) => s.run?.scenario.cores;
const selectLostLink = (s: ExplorerState) => s.run?.loss?.lost.link ?? 0;
const selectPosition = (s: ExplorerState) => s.position;

/**
 * Green while every replica agrees with a single core (the engine checks it); red, saying where, when
 * not. A core that could not recover from a loss reports a possible divergence: the badge turns red
 * when the playhead reaches that moment, with the core's explanation.
 */
export function AgreementBadge() {
  const agreement = useExplorer(selectAgreement);
  const cores = useExplorer(selectCores);
  const lostLink = useExplorer(selectLostLink);
  const position = useExplorer(selectPosition);
  if (!agreement) return null;
  const unexplained = agreement.unexplained > 0 || (!agreement.agree && (agreement.divergences?.length ?? 0) === 0);
  const diverged = (agreement.divergences ?? []).filter((d) => d.position <= position);
  if (unexplained) {
    return (
      <p className="badge bad" role="alert" data-testid="agreement">
        <span aria-hidden="true">✖</span> Replicas diverge from a single core: {agreement.disagreements[0] ?? 'see the log'}
      </p>
    );
  }
  if (diverged.length > 0) {
    const more = diverged.length > 1 ? ` (and ${diverged.length - 1} more)` : '';
    return (
      <p className="badge bad wraps" role="alert" data-testid="agreement">
        <span aria-hidden="true">✖</span> Possible divergence: {diverged[0]?.sentence}{more}
      </p>
    );
  }
  const recovered = lostLink > 0 ? ` despite ${lostLink} lost packet${lostLink === 1 ? '' : 's'}` : '';
  return (
    <p className="badge ok" role="status" data-testid="agreement">
      <span aria-hidden="true">✔</span> {cores === 1 ? 'The one replica agrees' : `All ${cores} replicas agree`} with a single core{recovered}
    </p>
  );
}
