import { ConfigError } from './config-error';
import { trustProxy } from './trust-proxy';

describe('trustProxy', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['10', 10],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8,fd00::/8', ['10.0.0.0/8', 'fd00::/8']],
  ])('reads %s as %j', (raw, expected) => {
    expect(trustProxy(raw)).toEqual(expected);
  });

  it.each(['0', '11', 'yes', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/8/1', 'proxy.local', '10.0.0.1,'])(
    'refuses %s with a ConfigError naming TRUST_PROXY',
    (raw) => {
      expect(() => trustProxy(raw)).toThrow(ConfigError);
      expect(() => trustProxy(raw)).toThrow(/TRUST_PROXY/);
    },
  );
});
