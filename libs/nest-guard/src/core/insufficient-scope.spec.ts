import { insufficientScope } from './insufficient-scope';

describe('insufficientScope', () => {
  it('is null when the granted scopes cover the required ones, "*" covering any', () => {
    expect(insufficientScope(['api', 'read_api'], ['read_api'])).toBeNull();
    expect(insufficientScope(['*'], ['deploy'])).toBeNull();
    expect(insufficientScope(['read_api'], [])).toBeNull();
  });

  it('names what is missing, and the required scopes in an RFC 6750 challenge', () => {
    expect(insufficientScope(['read_api'], ['read_api', 'api', 'deploy'])).toEqual({
      detail: 'The token lacks the scopes api, deploy',
      wwwAuthenticate: 'Bearer error="insufficient_scope", scope="read_api api deploy"',
    });
  });

  it('keeps a required name that is no scope name out of the challenge and the detail', () => {
    expect(insufficientScope(['api'], ['api', 'x" y'])).toEqual({
      detail: 'The token lacks a required scope',
      wwwAuthenticate: 'Bearer error="insufficient_scope", scope="api"',
    });
  });
});
