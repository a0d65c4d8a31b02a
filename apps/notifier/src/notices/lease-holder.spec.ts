import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { isGoneFromThisHost, newLeaseHolder, retireLeaseHolder } from './lease-holder';

describe('lease holders', () => {
  it('names this host and process, uniquely per start', () => {
    const holder = newLeaseHolder();
    expect(holder).toMatch(new RegExp(`^${hostname()}/${process.pid}/[0-9a-f]{8}$`));
    expect(newLeaseHolder()).not.toBe(holder);
  });

  it('never judges a running holder of this process, a running process, or another host', () => {
    expect(isGoneFromThisHost(newLeaseHolder())).toBe(false);
    expect(isGoneFromThisHost(`${hostname()}/${process.ppid}/abcdef01`)).toBe(false);
    expect(isGoneFromThisHost('another-host/999999/abcdef01')).toBe(false);
    expect(isGoneFromThisHost('not a holder')).toBe(false);
  });

  it('knows a retired holder, an earlier start under this pid, and an exited process to be gone', () => {
    const retired = newLeaseHolder();
    retireLeaseHolder(retired);
    expect(isGoneFromThisHost(retired)).toBe(true);
    expect(isGoneFromThisHost(`${hostname()}/${process.pid}/00000000`)).toBe(true);
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    expect(isGoneFromThisHost(`${hostname()}/${exited.stdout.toString()}/abcdef01`)).toBe(true);
  });
});
