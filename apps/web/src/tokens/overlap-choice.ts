export interface OverlapChoice {
  seconds: number;
  label: string;
}

const CHOICES: OverlapChoice[] = [
  { seconds: 0, label: 'Stop accepting the old token now' },
  { seconds: 300, label: 'Keep it working for 5 minutes' },
  { seconds: 3600, label: 'Keep it working for 1 hour' },
  { seconds: 86_400, label: 'Keep it working for 24 hours' },
];

/** The overlaps a rotation may offer under the server's bound. */
export function overlapChoices(maxSeconds: number): OverlapChoice[] {
  return CHOICES.filter((choice) => choice.seconds <= maxSeconds);
}
