/**
 * The headless command line: `npm run scr -- run --program portknock --cores 4 --trace zipf`,
 * `npm run scr -- sweep --program ddos --trace elephant --cores 1-16`.
 * Exit codes: 0 ok; 2 bad arguments or unreadable input (one line on stderr); 3 SCR disagreed
 * with the single-core reference.
 */
import { HELP, UsageError, parseCliArgs } from './args';
import { formatSummary } from './format-summary';
import { runScenario } from './run';
import { runSweepCommand } from './sweep';

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
    return summary.agreement.agree ? 0 : 3;
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
