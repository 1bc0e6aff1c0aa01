/**
 * The charts' costs form, checked with the engine's own `checkCost` (a pure function: nothing
 * is simulated on the page). An empty field means the program's default.
 */
import { checkCost, COST_INFO, COST_NAMES, defaultCosts, type CostModel, type CostName } from '../engine/techniques/costs';
import { asSentence, messageOf } from './messages';

export interface CostField {
  name: CostName;
  unit: string;
  about: string;
  max: number;
  defaultValue: number;
}

/** Every cost with its unit, meaning, limit and the program's default. */
export function costFields(programId: string): CostField[] {
  const defaults = defaultCosts(programId);
  return COST_NAMES.map((name) => ({ name, ...COST_INFO[name], defaultValue: defaults[name] }));
}

export type CostDrafts = Partial<Record<CostName, string>>;

/** Reads what was typed: the overrides that are valid, and a sentence for each field that is not. */
export function parseCostForm(drafts: CostDrafts): { overrides: Partial<CostModel>; errors: Partial<Record<CostName, string>> } {
  const overrides: Partial<CostModel> = {};
  const errors: Partial<Record<CostName, string>> = {};
  for (const name of COST_NAMES) {
    const text = (drafts[name] ?? '').trim();
    if (text === '') continue;
    const value = Number(text.replace(/\s+/g, ''));
    if (text !== '' && Number.isNaN(value)) {
      errors[name] = `${name}: "${text}" is not a number; type a number of ${COST_INFO[name].unit}, or leave it empty for the default.`;
      continue;
    }
    try {
      overrides[name] = checkCost(name, value);
    } catch (error) {
      errors[name] = asSentence(messageOf(error));
    }
  }
  return { overrides, errors };
}

/** The overrides back as text, for a form that opens with them. */
export function costDrafts(overrides: Partial<CostModel>): CostDrafts {
  const out: CostDrafts = {};
  for (const name of COST_NAMES) if (overrides[name] !== undefined) out[name] = String(overrides[name]);
  return out;
}
