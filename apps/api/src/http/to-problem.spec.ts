import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('answers an error of the request body stream with its 4xx status, not 500', () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 });
    expect(toProblem(aborted)).toMatchObject({ status: 400, code: 'malformed_request' });
  });

  it('answers anything else unexpected with 500, whatever status it claims', () => {
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500, code: 'internal_error' });
    expect(toProblem(Object.assign(new Error('upstream'), { statusCode: 502 }))).toMatchObject({ status: 500 });
  });
});
