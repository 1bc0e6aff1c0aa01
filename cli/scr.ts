/**
 * The headless command line: `npm run scr -- run --program portknock --cores 4 --trace zipf`,
 * `npm run scr -- sweep --program ddos --trace elephant --cores 1-16`.
 * Exit codes: 0 ok; 2 bad arguments or unreadable input (one line on stderr); 3 SCR disagreed
 * with the single-core reference and no loss explains it; 4 a core could not recover from a loss
 * and reported a possible divergence (every difference found is on such a core).
 */
import { HELP, UsageError, parseCliArgs } from './args';
import { formatSummary } from './format-summary';
import { runScenario, type RunSummary } from './run';
import { runSweepCommand } from './sweep';

/** 3 for a disagreement no loss explains (a bug), else 4 when a core reported it may diverge, else 0. */
export function exitCode(summary: RunSummary): number {
  if (summary.agreement.unexplained > 0 || (!summary.agreement.agree && !summary.loss)) return 3;
  if ((summary.loss?.divergent.length ?? 0) > 0) return 4;
  return summary.agreement.agree ? 0 : 3;
}

export async function main(argv: readonly string[], out = console.log, err = console.error): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      out(HELP);
      return 0;
    }
    if (args.command === 'sweep') {
      await runSweepCommand(args, out, err);
      return 0;
    }
    const summary = await runScenario(args);
    out(args.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return exitCode(summary);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`scr: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
