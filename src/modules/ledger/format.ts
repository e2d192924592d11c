import { format } from '../../money/index.ts';
import type { TrialBalanceRow, VerifyReport } from './types.ts';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // First column (labels) left-aligned, figures right-aligned so the decimal points line up.
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The trial balance as a plain text table, one line per currency, amounts as decimals. */
export function formatTrialBalance(rows: readonly TrialBalanceRow[]): string {
  if (rows.length === 0) return 'The ledger has no postings yet.';
  const body = rows.map((r) => [
    r.currency,
    format({ amount: r.debitsPosted, currency: r.currency }),
    format({ amount: r.creditsPosted, currency: r.currency }),
    format({ amount: r.debitsPending, currency: r.currency }),
    format({ amount: r.creditsPending, currency: r.currency }),
    r.balanced ? 'yes' : 'NO',
  ]);
  const allBalanced = rows.every((r) => r.balanced);
  return [
    table(
      ['Currency', 'Debits posted', 'Credits posted', 'Debits pending', 'Credits pending', 'Balanced'],
      body,
    ),
    '',
    allBalanced ? 'Every currency balances.' : 'NOT BALANCED: see the currencies marked NO.',
  ].join('\n');
}

/** The verification report as plain text: a summary line, then one line per problem. */
export function formatVerifyReport(report: VerifyReport): string {
  const summary = `Checked ${report.entries} entries, ${report.postings} postings, ${report.seals} seals.`;
  if (report.ok) return `${summary}\nLedger verified: no problems found.`;
  const lines = report.problems.map((p) => {
    const subject = [
      p.entryId && `entry ${p.entryId}`,
      p.accountKey && `account ${p.accountKey}`,
      p.sealId && `seal ${p.sealId}`,
    ]
      .filter(Boolean)
      .join(', ');
    return `  ${p.code}${subject ? ` [${subject}]` : ''}: ${p.message}`;
  });
  return [summary, `LEDGER VERIFICATION FAILED: ${report.problems.length} problem(s).`, ...lines].join('\n');
}
