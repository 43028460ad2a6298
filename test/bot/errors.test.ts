import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../bot/errors.js';

describe('error catalogue', () => {
  const doc = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  it.each(Object.entries(ERRORS))('%s is documented with its status', (code, { status }) => {
    const row = doc.split('\n').find((l) => l.includes(`\`${code}\``));
    expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
    expect(row).toContain(String(status));
  });
});
