import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeModel } from './model/describe-model';
import { DEFAULT_MODEL } from './model/default.model';

describe('README', () => {
  it('documents the default scoring model exactly as the code defines it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const section = /<!-- scoring-model:start -->\n([\s\S]*?)\n<!-- scoring-model:end -->/.exec(
      readme,
    )?.[1];
    expect(section).toBe(describeModel(DEFAULT_MODEL, 'en').trim());
  });
});
