import { describe, expect, it } from 'vitest';
import { ApiError, errorBody, formatUtc, successBody, validationProblemBody } from '../src/envelope.js';

const link = { href: 'http://127.0.0.1:1/api/2.0/authentication?x=1', action: 'POST' };

describe('the success envelope', () => {
  it('orders keys response, count, links, status, statusCode', () => {
    expect(successBody({ a: 1 }, link)).toBe(
      '{"response":{"a":1},"count":1,"links":[{"href":"http://127.0.0.1:1/api/2.0/authentication?x=1","action":"POST"}],"status":0,"statusCode":200}',
    );
  });

  it('counts 1 for a value (false and 0 included), the length for a list, 0 and no key without a response', () => {
    expect(JSON.parse(successBody(false, link))).toMatchObject({ response: false, count: 1 });
    expect(JSON.parse(successBody(0, link))).toMatchObject({ response: 0, count: 1 });
    expect(JSON.parse(successBody(['a', 'b', 'c'], link))).toMatchObject({ count: 3 });
    const empty = JSON.parse(successBody(null, link));
    expect(empty).toEqual({ count: 0, links: [link], status: 0, statusCode: 200 });
    expect('response' in empty).toBe(false);
    expect(JSON.parse(successBody(undefined, link)).count).toBe(0);
  });
});

describe('the error envelope', () => {
  it('writes nulls for type and stack when the server hides them', () => {
    expect(errorBody(new ApiError(401, 'User authentication failed'), 'H')).toBe(
      '{"error":{"message":"User authentication failed","type":null,"stack":null,"hresult":0},"status":1,"statusCode":401}',
    );
  });

  it('fills type, stack and hresult for errors the server reports with a stack', () => {
    const body = JSON.parse(
      errorBody(new ApiError(404, 'The user could not be found', { type: 'X.Y', hresult: -5 }), 'Controller.Action()'),
    );
    expect(body).toEqual({
      error: {
        message: 'The user could not be found',
        type: 'X.Y',
        stack: expect.stringContaining('Controller.Action()'),
        hresult: -5,
      },
      status: 1,
      statusCode: 404,
    });
  });
});

describe('the validation problem', () => {
  it('reuses the success envelope with status 1 and statusCode 400', () => {
    const body = JSON.parse(validationProblemBody({ 'ConfirmData.Email': ['bad'] }, link));
    expect(Object.keys(body)).toEqual(['response', 'count', 'links', 'status', 'statusCode']);
    expect(Object.keys(body.response)).toEqual(['type', 'title', 'status', 'errors', 'traceId']);
    expect(body).toMatchObject({
      count: 1,
      links: [link],
      status: 1,
      statusCode: 400,
      response: { status: 400, errors: { 'ConfirmData.Email': ['bad'] } },
    });
  });
});

describe('formatUtc', () => {
  it('writes .NET UTC DateTime text with the fraction trimmed', () => {
    expect(formatUtc(Date.UTC(2027, 0, 15, 10, 30, 0, 0))).toBe('2027-01-15T10:30:00Z');
    expect(formatUtc(Date.UTC(2027, 0, 15, 10, 30, 0, 120))).toBe('2027-01-15T10:30:00.12Z');
    expect(formatUtc(Date.UTC(2027, 0, 15, 10, 30, 0, 5))).toBe('2027-01-15T10:30:00.005Z');
  });
});
