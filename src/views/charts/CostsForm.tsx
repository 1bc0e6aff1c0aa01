import { useState, type FormEvent } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import type { CostName } from '../../worker/analysis-protocol';
import { costDrafts, costFields, parseCostForm, type CostDrafts } from '../../worker/cost-form';

const selectOverrides = (s: ExplorerState) => s.costOverrides;
const selectSet = (s: ExplorerState) => s.setCostOverrides;
const selectProgram = (s: ExplorerState) => s.run?.scenario.programId ?? s.scenario.programId;

/** The timing model's costs: empty means the program's default (shown as a placeholder). What was typed stays on error. */
export function CostsForm() {
  const overrides = useExplorer(selectOverrides);
  const setOverrides = useExplorer(selectSet);
  const programId = useExplorer(selectProgram);
  const [drafts, setDrafts] = useState<CostDrafts>(() => costDrafts(overrides));
  const [errors, setErrors] = useState<Partial<Record<CostName, string>>>({});
  const fields = costFields(programId);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCostForm(drafts);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length === 0) setOverrides(parsed.overrides);
  };
  const reset = () => {
    setDrafts({});
    setErrors({});
    setOverrides({});
  };
  const messages = Object.values(errors);
  return (
    <form className="costs-form" aria-label="Costs" onSubmit={apply} noValidate>
      <p className="muted chart-note">Nanoseconds per packet (d, c1, c2) and per lock or cache line; empty fields use this program&apos;s defaults. Plausible values, not measurements: see the README.</p>
      <div className="costs-grid">
        {fields.map((f) => (
          <label key={f.name} title={f.about}>
            <span>{`${f.name} (${f.unit})`}</span>
            <input
              type="text" inputMode="decimal" value={drafts[f.name] ?? ''} placeholder={String(f.defaultValue)}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={errors[f.name] ? `cost-error-${f.name}` : undefined}
              onChange={(e) => setDrafts({ ...drafts, [f.name]: e.target.value })}
            />
            <span className="visually-hidden">{f.about}</span>
          </label>
        ))}
      </div>
      {messages.length > 0 && (
        <ul className="notice error costs-errors" role="alert">
          {fields.filter((f) => errors[f.name]).map((f) => <li key={f.name} id={`cost-error-${f.name}`}>{errors[f.name]}</li>)}
        </ul>
      )}
      <div className="costs-actions">
        <button type="submit">Apply costs</button>
        <button type="button" onClick={reset}>Defaults</button>
      </div>
    </form>
  );
}
