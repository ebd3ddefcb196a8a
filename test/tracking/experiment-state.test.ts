/**
 * The facade's input and state rules that are not about the wire: ids checked at
 * construction, read-only state, exit hooks kept out of the public type, artifacts under the
 * same state rules as every other call, and an API host written with its port.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { Experiment, type ExperimentOptions, ExperimentStateError } from "../../src/tracking/experiment.js";
import { expectNoSpecViolations, specHandler } from "../support/spec.js";
import { experimentCreated, experimentStatus } from "../support/spec-fixtures.js";
import { thrown } from "../support/thrown.js";

const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const server = setupServer();
let dir: string;
let warnings: string[];
const open: Experiment[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plx-state-"));
  warnings = [];
});
afterEach(async () => {
  for (const experiment of open.splice(0)) await experiment.close(1_000);
  server.resetHandlers();
  rmSync(dir, { recursive: true, force: true });
  expectNoSpecViolations();
});
afterAll(() => server.close());

/** An offline experiment (no request), config files read from the temp dir only. */
function offline(options: ExperimentOptions = {}): Experiment {
  const experiment = new Experiment({
    project: "alice/mnist",
    settings: { isOffline: true },
    configDirs: { homeDir: dir, tmpDir: dir, contextDir: dir },
    trackingDir: join(dir, "runs"),
    handleExit: false,
    trackLogs: false,
    trackGit: false,
    trackEnv: false,
    notifier: { warn: (message) => warnings.push(message), info: () => {} },
    ...options,
  });
  open.push(experiment);
  return experiment;
}

const validationError = (fn: () => unknown) => thrown(fn, ValidationError);

describe("experimentId and groupId", () => {
  it.each([["abc"], [-3], [1.5], [0], ["012"], [" 12"], ["1e3"], [Number.NaN], [2 ** 60], [{}]])(
    "%j is a ValidationError at construction",
    (value) => {
      const asId = validationError(() => offline({ experimentId: value as number }));
      expect(asId.field).toBe("experimentId");
      expect(asId.message).toMatch(/^experimentId must be a positive integer \(or its digits as a string\), got /);
      expect(validationError(() => offline({ groupId: value as number })).field).toBe("groupId");
    },
  );

  it("is checked in no-op mode too", () => {
    expect(validationError(() => offline({ experimentId: "abc", settings: { noOp: true } })).field).toBe(
      "experimentId",
    );
  });

  it('accepts a positive integer, or its digits as a string ("12" → 12)', () => {
    expect(offline({ experimentId: 12 }).experimentId).toBe(12);
    expect(offline({ experimentId: "12" }).experimentId).toBe(12);
  });
});

describe("read-only state and hidden exit hooks", () => {
  it("experimentId, created and lastStatus are getters without setters", async () => {
    const experiment = await offline().create();
    expect(experiment.lastStatus).toBe("running");
    const writable = experiment as unknown as { experimentId: number; lastStatus: string; created: unknown };
    expect(() => {
      writable.experimentId = 5;
    }).toThrow(TypeError);
    expect(() => {
      writable.lastStatus = "succeeded";
    }).toThrow(TypeError);
    expect(() => {
      writable.created = {};
    }).toThrow(TypeError);
    expect(experiment.lastStatus).toBe("running");
  });

  it("has no public exit-hook methods", () => {
    const experiment = offline() as unknown as Record<string, unknown>;
    for (const name of ["finish", "flushForExit", "closeAtExit"]) expect(experiment[name], name).toBeUndefined();
  });
});

describe("logArtifact(s) follow the state rules of every other call", () => {
  it("before create(): ExperimentStateError, nothing copied", async () => {
    const file = join(dir, "weights.bin");
    writeFileSync(file, "w");
    const experiment = offline();
    await expect(experiment.logArtifact(file)).rejects.toBeInstanceOf(ExperimentStateError);
    await expect(experiment.logArtifacts(dir)).rejects.toBeInstanceOf(ExperimentStateError);
    await expect(experiment.logArtifact(join(dir, "missing"))).rejects.toBeInstanceOf(ExperimentStateError);
  });

  it("after the final status: ignored with a warning, nothing copied", async () => {
    const file = join(dir, "weights.bin");
    writeFileSync(file, "w");
    const experiment = await offline().create();
    experiment.logSucceeded();
    expect(await experiment.logArtifact(file)).toBeUndefined();
    expect(await experiment.logArtifacts(dir)).toBeUndefined();
    const outputs = experiment.getOutputsPath() ?? "";
    expect(existsSync(join(outputs, "weights.bin"))).toBe(false);
    expect(warnings).toEqual([
      'logArtifact ignored: the run already ended with status "succeeded".',
      'logArtifacts ignored: the run already ended with status "succeeded".',
    ]);
  });

  it("while the run is active: copied", async () => {
    const file = join(dir, "weights.bin");
    writeFileSync(file, "w");
    const experiment = await offline().create();
    const result = await experiment.logArtifact(file);
    expect(result?.files).toHaveLength(1);
    expect(existsSync(join(experiment.getOutputsPath() ?? "", "weights.bin"))).toBe(true);
  });
});

describe("an API host written with its port", () => {
  it("creates the experiment at http://host:port/api/v1", async () => {
    const baseUrl = "http://polyaxon.test:8000/api/v1";
    server.use(
      specHandler("createExperiment", () => HttpResponse.json(experimentCreated(), { status: 201 }), { baseUrl }),
      specHandler("createExperimentStatus", () => HttpResponse.json(experimentStatus(), { status: 201 }), {
        baseUrl,
      }),
    );
    // Delivered from this thread: MSW intercepts this thread's fetch only.
    const experiment = offline({
      settings: { apiHost: "polyaxon.test:8000", userToken: TOKEN, deliveryThread: false },
    });
    expect(experiment.settings.apiBaseUrl).toBe(baseUrl);
    await experiment.create();
    expect(experiment.experimentId).toBe(12);
    expect(await experiment.flush()).toBe(true);
  });
});
