import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './child-process';
import type { ResultRow } from './results';

const HEADERS = ['scenario', 'figure', 'result', 'goal', ''];

const cells = (result: ResultRow): string[] => [
  result.scenario,
  result.figure,
  result.value,
  result.goal,
  result.verdict === 'met' ? 'met' : result.verdict === 'missed' ? 'MISSED' : '',
];

/** The table for a terminal: padded columns. */
export function textTable(results: readonly ResultRow[]): string {
  const rows = [HEADERS, ...results.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((cellsOfRow) => cellsOfRow[column].length)));
  return rows
    .map((cellsOfRow) =>
      cellsOfRow
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function markdownTable(results: readonly ResultRow[]): string {
  const line = (values: string[]): string => `| ${values.join(' | ')} |`;
  return [line(HEADERS), line(HEADERS.map(() => '---')), ...results.map((result) => line(cells(result)))].join('\n');
}

export interface RunInfo {
  command: string;
  startedAt: Date;
  durationSeconds: number;
  quick: boolean;
}

export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node.js ${process.version}, ${process.platform} ${process.arch}`;
}

/**
 * Replaces the generated part of BENCHMARKS.md (between the markers) and keeps the prose
 * around it, where the figures are explained.
 */
export function writeBenchmarksMd(results: readonly ResultRow[], info: RunInfo, existing: string | null): string {
  const generated = [
    '<!-- bench:results:start (written by npm run bench; edit outside the markers) -->',
    `Run of ${info.startedAt.toISOString()} (${info.quick ? 'quick mode: small sizes, not the reference figures' : 'full run'}), ${Math.round(info.durationSeconds)} s in all.`,
    '',
    `- Machine: ${machineDescription()}`,
    `- Command: \`${info.command}\``,
    '',
    markdownTable(results),
    '<!-- bench:results:end -->',
  ].join('\n');
  const pattern = /<!-- bench:results:start[\s\S]*?<!-- bench:results:end -->/;
  const text =
    existing !== null && pattern.test(existing)
      ? existing.replace(pattern, generated)
      : `# Benchmarks\n\n${generated}\n`;
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), text);
  return text;
}
