import type { ExpiryNotice } from '@pat/domain';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMimeMessage } from '../../../../test/support/mime-message';
import { tempDataDir } from '../../../../test/support/temp-dir';
import { OutboxChannel, outboxFileName } from './outbox.channel';

const notice: ExpiryNotice = {
  kind: 'expiry',
  noticeId: '6e525906-ce95-5291-a2f0-3a50b62c2d9a',
  tokenId: '9ae1e3b6-9bb6-4a74-824d-d0746b9581bd',
  userId: 'alice',
  ownerEmail: 'alice@example.com',
  name: 'CI deploy',
  tokenHint: 'pat_PuQi…lCg6',
  expiresAt: new Date('2026-12-04T23:41:23.377Z'),
  thresholdDays: 7,
  claimedAt: new Date('2026-11-27T23:41:23.380Z'),
};

describe('outbox channel', () => {
  const data = tempDataDir('pat-outbox');
  const directory = join(data.path, 'outbox');
  const channel = new OutboxChannel(directory, {
    from: 'PAT service <no-reply@localhost>',
    appUrl: 'http://localhost:3000',
  });

  afterAll(async () => {
    await channel.close();
    data.remove();
  });

  it('writes the notice as an RFC 5322 message with CRLF lines, named after the claim', async () => {
    await channel.deliver(notice);

    expect(readdirSync(directory)).toEqual(['20261127T234123Z-9ae1e3b6-9bb6-4a74-824d-d0746b9581bd-7d.eml']);
    const raw = readFileSync(join(directory, outboxFileName(notice)), 'utf8');
    expect(raw.split('\r\n').length).toBeGreaterThan(20);
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
    const message = parseMimeMessage(raw);
    expect(message.headers.get('from')).toBe('PAT service <no-reply@localhost>');
    expect(message.headers.get('to')).toBe('alice@example.com');
    expect(message.headers.get('subject')).toBe('Your personal access token "CI deploy" expires in 7 days');
    expect(message.headers.get('date')).toMatch(/^\w{3}, \d{1,2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(message.headers.get('mime-version')).toBe('1.0');
    expect([...message.parts.keys()].sort()).toEqual(['text/html', 'text/plain']);
  });

  it('writes a notice once: a second delivery (after a crash) leaves the file as it was', async () => {
    const file = join(directory, outboxFileName(notice));
    const before = { content: readFileSync(file), modified: statSync(file).mtimeMs };
    await new Promise((resolve) => setTimeout(resolve, 20));

    await channel.deliver(notice);

    expect(readFileSync(file)).toEqual(before.content);
    expect(statSync(file).mtimeMs).toBe(before.modified);
    expect(readdirSync(directory)).toHaveLength(1);
  });

  it('leaves no temporary file behind', async () => {
    await channel.deliver({ ...notice, thresholdDays: 1, noticeId: 'other' });
    expect(readdirSync(directory).filter((name) => !name.endsWith('.eml'))).toEqual([]);
  });
});
