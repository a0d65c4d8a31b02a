export type Verdict = 'met' | 'missed' | '';

export interface ResultRow {
  scenario: string;
  figure: string;
  value: string;
  goal: string;
  verdict: Verdict;
}

export const row = (scenario: string, figure: string, value: string, goal = '', verdict: Verdict = ''): ResultRow => ({
  scenario,
  figure,
  value,
  goal,
  verdict,
});

export const atLeast = (value: number, goal: number): Verdict => (value >= goal ? 'met' : 'missed');
export const below = (value: number, goal: number): Verdict => (value < goal ? 'met' : 'missed');

export const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const thousands = (value: number): string => Math.round(value).toLocaleString('en-US');
export const mib = (bytes: number): string => `${fixed(bytes / 1024 / 1024, 0)} MiB`;
