import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDirs {
  /** A fresh directory under os.tmpdir() whose name starts with `prefix`, removed by `remove`. */
  make(prefix: string): string;
  /** Removes every directory made so far (call it in the file's afterEach or afterAll). */
  remove(): void;
}

/**
 * The temporary directories of one test file. The run's globalSetup (test/setup/tmpdir.ts) fails
 * the run when a test leaves anything in the temporary directory, so whatever a test makes there
 * goes through here or is removed by the test itself.
 */
export function tempDirs(): TempDirs {
  const made: string[] = [];
  return {
    make(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    remove() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
