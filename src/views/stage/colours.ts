/**
 * The Okabe-Ito palette: eight colours that stay distinct for the common forms of colour
 * blindness. Colour is never the only cue: chips and rows also carry their key as text.
 */
export const FLOW_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'] as const;

export function flowColour(index: number): string {
  return index < 0 ? 'var(--no-flow)' : (FLOW_COLOURS[index % FLOW_COLOURS.length] as string);
}
