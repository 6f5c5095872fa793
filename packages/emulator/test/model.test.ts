import { describe, expect, it } from 'vitest';
import { bindModel, AUTH_REQUEST, ModelValidationError } from '../src/model.js';

describe('model binding', () => {
  it('binds case-insensitively with defaults, the last duplicate winning', () => {
    const bound = bindModel<Record<string, unknown>>(
      Buffer.from('{"USERNAME":"a","username":"b","Session":true}'),
      AUTH_REQUEST,
    );
    expect(bound).toMatchObject({ userName: 'b', session: true, password: null, recaptchaType: 0, confirmData: null });
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(bindModel<Record<string, unknown>>(Buffer.from('\uFEFF{"userName":"a"}'), AUTH_REQUEST).userName).toBe('a');
  });

  it('reports the JSON path of a type mismatch', () => {
    try {
      bindModel(Buffer.from('{"confirmData":{"key":5}}'), AUTH_REQUEST);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelValidationError);
      expect(Object.keys((error as ModelValidationError).errors)).toEqual(['$.confirmData.key', 'inDto']);
    }
  });
});
