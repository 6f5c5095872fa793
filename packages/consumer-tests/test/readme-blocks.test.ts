// The extractor the README test relies on.
import { describe, expect, it } from 'vitest';
import { typescriptBlocks } from '../src/readme-blocks.js';

describe('typescriptBlocks', () => {
  it('finds ts and typescript fences with their line and attributes, and nothing else', () => {
    const markdown = [
      '# Title', //                                     1
      '```ts', //                                       2
      'const a: number = 1;', //                        3
      '```', //                                         4
      '```sh', //                                       5
      'npm install x', //                               6
      '```', //                                         7
      '````typescript no-run browser', //               8
      '```ts', //                                       9  (text inside a longer fence)
      'declare const b: string;', //                    10
      '````', //                                        11
      '```json', //                                     12
      '{}', //                                          13
      '```', //                                         14
    ].join('\n');
    expect(typescriptBlocks(markdown, 'README.md')).toEqual([
      { readme: 'README.md', line: 2, code: 'const a: number = 1;', attributes: [], runnable: true },
      {
        readme: 'README.md',
        line: 8,
        code: '```ts\ndeclare const b: string;',
        attributes: ['no-run', 'browser'],
        runnable: false,
      },
    ]);
  });

  it('an unclosed block runs to the end of the file', () => {
    expect(typescriptBlocks('```ts\nlet x = 1;\n', 'R.md')).toMatchObject([{ line: 1, code: 'let x = 1;\n' }]);
  });
});
