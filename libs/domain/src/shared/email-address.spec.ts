import { emailAddress } from './email-address';

describe('emailAddress', () => {
  it.each(['alice@example.com', 'a.b+tag@mail.example.co.uk', "o'hara@x.io", 'x@a-b.io'])('keeps %s', (address) => {
    expect(emailAddress(address)).toBe(address);
  });

  it.each([
    ['a list', 'a@x.io, b@y.io'],
    ['a display name', '"Evil" <e@z.io>'],
    ['an angle address', '<e@z.io>'],
    ['a header break', 'a@x.io\r\nBcc: e@z.io'],
    ['a bare line feed', 'a@x.io\nBcc: e@z.io'],
    ['spaces', 'a b@x.io'],
    ['no domain dot', 'root@localhost'],
    ['two at signs', 'a@b@x.io'],
    ['a leading dot', '.a@x.io'],
    ['double dots', 'a..b@x.io'],
    ['non-ASCII', 'ålice@example.com'],
    ['a domain label starting with a hyphen', 'a@-x.io'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@x.io`],
    ['an address over 254 characters', `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(58)}.io`],
    ['an empty string', ''],
  ])('refuses %s', (_, candidate) => {
    expect(emailAddress(candidate)).toBeNull();
  });

  it('keeps an address of exactly 254 characters', () => {
    const address = `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(57)}.io`;
    expect(address).toHaveLength(254);
    expect(emailAddress(address)).toBe(address);
  });

  it.each([null, undefined, 42, ['a@x.io'], { address: 'a@x.io' }])('refuses the non-string %p', (candidate) => {
    expect(emailAddress(candidate)).toBeNull();
  });
});
