import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    // Vitest's default in a run is one worker less than the cores: a single worker on the 2-core
    // CI machine. Much of this suite waits on real servers, child processes and timers, so one
    // worker more than the cores keeps them busy (on 2 cores: 183 s with the default, 103 s with
    // 2 workers, 84 s with 3).
    maxWorkers: availableParallelism() + 1,
    // A timeout here catches a hang, not slowness (no test asserts on durations). With three
    // workers on two cores, a test that takes 1.3 s alone (two tracked runs, then the CLI) went
    // over Vitest's default 5 s in a full run; tests that need longer still set their own.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The same for polled assertions: Vitest's default gives up after 1 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
