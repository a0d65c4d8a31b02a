import type { Readable } from 'node:stream';

/**
 * Collects a child's output into complete lines: a chunk can end in the middle of a line, so the
 * unfinished tail waits for the next chunk (or the stream's end) before it becomes a line.
 */
export function collectLines(streams: (Readable | null)[], onLine: (line: string) => void = () => {}): string[] {
  const lines: string[] = [];
  const add = (line: string): void => {
    if (line.trim() === '') return;
    lines.push(line);
    onLine(line);
  };
  for (const stream of streams) {
    let tail = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (tail + chunk).split(/\r?\n/);
      tail = parts.pop() ?? '';
      parts.forEach(add);
    });
    stream?.on('end', () => add(tail));
  }
  return lines;
}
