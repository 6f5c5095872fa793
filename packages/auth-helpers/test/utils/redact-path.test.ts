// What events show of a URL: the path, with a second-factor code in it replaced.
import { describe, expect, it } from 'vitest';
import { redactedPath } from '../../src/utils/redact-path.js';

describe('path redaction', () => {
  it.each([
    ['https://p.example/api/2.0/authentication/123456', '/api/2.0/authentication/{code}'],
    ['https://p.example/api/2.0/authentication/123456?x=1', '/api/2.0/authentication/{code}'],
    ['https://p.example/api/2.0/authentication/logout', '/api/2.0/authentication/logout'],
    ['https://p.example/api/2.0/authentication/sendsms', '/api/2.0/authentication/sendsms'],
    ['https://p.example/api/2.0/authentication', '/api/2.0/authentication'],
    ['https://p.example/api/2.0/people/@self', '/api/2.0/people/@self'],
  ])('%s shows as %s', (url, expected) => {
    expect(redactedPath(url)).toBe(expected);
  });
});
