import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectAgreement = (s: ExplorerState) => s.run?.agreement;
const selectCores = (s: ExplorerState) => s.run?.scenario.cores;

/** Green while every replica agrees with a single core (the engine checks it); red, saying where, when not. */
export function AgreementBadge() {
  const agreement = useExplorer(selectAgreement);
  const cores = useExplorer(selectCores);
  if (!agreement) return null;
  return agreement.agree ? (
    <p className="badge ok" role="status" data-testid="agreement">
      <span aria-hidden="true">✔</span> All {cores} replicas agree with a single core
    </p>
  ) : (
    <p className="badge bad" role="alert" data-testid="agreement">
      <span aria-hidden="true">✖</span> Replicas diverge from a single core: {agreement.disagreements[0] ?? 'see the log'}
    </p>
  );
}
