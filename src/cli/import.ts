/**
 * `npm run import -- --administration <code> <file.csv> [--dry-run] [--program <code>] [--effective-on <date>]`
 *
 * Imports an administration's AEO register (the EU–US exchange CSV, see register-import.ts) into the
 * database named by DATABASE_URL (migrated first, like `npm start`). Every problem is reported on stderr
 * as `row N, column C: message` (N is the line in the file; the header is row 1) and nothing is written
 * unless every row is valid; then everything is written in one transaction. A progress bar (rows/s) runs
 * on stderr; the summary goes to stdout.
 *
 * Exit codes: 0 imported (or, with --dry-run, valid); 1 invalid file or rows (nothing written);
 * 2 usage or configuration error; 3 the import failed (database error, concurrent change; nothing written).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../platform/logger.js';
import { isIsoDate, latestEffectiveDate, todayUtc } from '../domain/dates.js';
import { ConcurrentChangeError, RegisterImportRepository } from '../data/register-import-repository.js';
import { planImport, type ImportCounts } from '../exchange/register-import.js';
import { Progress } from '../exchange/progress.js';

const USAGE = `usage: npm run import -- --administration <code> <file.csv> [--dry-run] [--program <code>] [--effective-on YYYY-MM-DD] [--verbose]

  --administration  the administration whose register the file is (e.g. KR-KCS)
  --program         its programme, when it runs more than one (default: its only programme)
  --effective-on    the date of changes the format carries no date for: reinstatements, tier changes (default: today)
  --dry-run         check the file against the database and report what would change; write nothing
  --verbose         log database preparation (migrations) on stderr
`;

interface Args {
  administration?: string;
  program?: string;
  effectiveOn?: string;
  dryRun: boolean;
  verbose: boolean;
  file?: string;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { dryRun: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--administration':
        args.administration = value();
        break;
      case '--program':
        args.program = value();
        break;
      case '--effective-on':
        args.effectiveOn = value();
        break;
      case '--dry-run':
        args.dryRun = true;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '-h':
      case '--help':
        return '';
      default:
        if (flag.startsWith('-')) return `unknown option ${flag}`;
        if (args.file) return `one file at a time (got ${args.file} and ${flag})`;
        args.file = flag;
    }
  }
  if (!args.administration) return '--administration is required';
  if (!args.file) return 'the register file is required';
  if (args.effectiveOn !== undefined && !isIsoDate(args.effectiveOn)) return `--effective-on must be a date YYYY-MM-DD, got ${args.effectiveOn}`;
  return args;
}

function summary(counts: ImportCounts): string {
  const events =
    Object.entries(counts.events)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ') || 'none';
  return [
    `  rows:           ${counts.rows}`,
    `  operators:      ${counts.operatorsCreated} created, ${counts.operatorsUpdated} updated`,
    `  certifications: ${counts.certificationsCreated} created, ${counts.certificationsChanged} changed, ${counts.unchanged} rows unchanged`,
    `  events:         ${events}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(args ? `${args}\n\n${USAGE}` : USAGE);
    return args ? 2 : 0;
  }
  let text: string;
  try {
    text = readFileSync(args.file!, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // Loaded here, after the arguments are checked: the stack module brings the whole gateway with it.
  const { prepareDatabase } = await import('../stack.js');
  const { seeder } = await import('../../prisma/seed/seed.js');
  const db = await prepareDatabase(config, createLogger(args.verbose ? 'info' : 'warn'), { seeder });
  try {
    const repo = new RegisterImportRepository(db, config.database.provider);
    const estimated = Math.max(text.split('\n').filter((l) => l.trim()).length - 1, 0);
    const checking = new Progress('checking', estimated);
    const result = await planImport(
      text,
      {
        administration: args.administration!,
        program: args.program,
        effectiveOn: args.effectiveOn ?? todayUtc(),
        latestAllowed: latestEffectiveDate(),
        source: basename(args.file!),
      },
      repo,
      (n) => checking.update(n),
    );
    checking.done();

    if (!result.ok) {
      const rows = new Set(result.problems.filter((p) => p.row > 1).map((p) => p.row)).size;
      process.stderr.write(
        `\n${args.file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}` +
          `${rows ? ` in ${rows} of ${result.rows} rows` : ''}; nothing was imported.\n`,
      );
      for (const p of result.problems) {
        process.stderr.write(`${p.row ? `row ${p.row}` : 'file'}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`);
      }
      return 1;
    }
    const { plan } = result;
    const header = `${args.administration} register ${args.file} (programme ${plan.program})`;
    if (args.dryRun) {
      process.stdout.write(`${header}: valid. Dry run, nothing was written. The import would make:\n${summary(plan.counts)}\n`);
      return 0;
    }
    const toWrite = plan.write.operators.length + plan.write.operatorUpdates.length + plan.write.certifications.length + plan.write.certificationUpdates.length;
    const writing = new Progress('writing', toWrite);
    await repo.write(plan.write, (n) => writing.update(n));
    writing.done();
    process.stdout.write(`${header}: imported in one transaction.\n${summary(plan.counts)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConcurrentChangeError) {
      process.stderr.write(`\n${error.message}\n`);
      return 3;
    }
    process.stderr.write(`\nthe import failed; nothing was written: ${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main();
