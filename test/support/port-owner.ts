import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/**
 * Whether process `pid` holds the socket listening on TCP `port`, from Linux's /proc; null where
 * there is no /proc to ask. On a machine shared with other test runs, the port a test picked may
 * be taken before its process binds it, and another run's server then answers in its place.
 */
export function listensOn(pid: number, port: number): boolean | null {
  const tables = ['/proc/net/tcp', '/proc/net/tcp6'].filter((table) => existsSync(table));
  if (tables.length === 0) return null;
  const inodes = new Set(tables.flatMap((table) => listeningInodes(readFileSync(table, 'utf8'), port)));
  if (inodes.size === 0) return false;
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      return target !== null && inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? '');
    });
  } catch {
    return false;
  }
}

function listeningInodes(table: string, port: number): string[] {
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(
      (fields) => fields.length > 9 && fields[3] === LISTEN && Number.parseInt(fields[1].split(':')[1], 16) === port,
    )
    .map((fields) => fields[9]);
}

function safeReadlink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
