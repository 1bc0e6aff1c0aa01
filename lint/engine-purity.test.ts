import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The engine's purity is enforced by lint, not by good intentions: this proves the rule bites. */
describe('engine purity lint rule', () => {
  const eslint = new ESLint({ cwd: process.cwd(), ignore: false });
  const fixture = readFileSync('lint/impure-engine.fixture.txt', 'utf8');

  it('rejects React, d3, zustand, window, document, self, Math.random and Date.now under src/engine', async () => {
    const [result] = await eslint.lintText(fixture, { filePath: 'src/engine/some-module.ts' });
    const rules = result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
    expect(rules.filter((r) => r.startsWith('no-restricted-imports'))).toHaveLength(3);
    for (const word of ['window', 'document', 'self']) {
      expect(rules.some((r) => r.startsWith('no-restricted-globals') && r.includes(word))).toBe(true);
    }
    expect(rules.some((r) => r.includes('Math.random'))).toBe(true);
    expect(rules.some((r) => r.includes('Date.now'))).toBe(true);
  });

  it('allows the same code outside the engine', async () => {
    const [result] = await eslint.lintText(fixture, { filePath: 'src/views/some-view.ts' });
    expect(result!.messages.filter((m) => m.ruleId?.startsWith('no-restricted'))).toEqual([]);
  });
});
