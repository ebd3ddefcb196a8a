import { describe, expect, it } from "vitest";
import { SettingsError } from "../../src/settings/errors.js";
import {
  type ClusterEnvOptions,
  type Env,
  getBaseOutputsPath,
  getClusterDef,
  getDataPaths,
  getDeclarations,
  getExperimentInfo,
  getLogLevel,
  getNotebookInfo,
  getOutputsPath,
  getOutputsRefsPaths,
  getParams,
  getTaskInfo,
  getTfConfig,
  NotManagedError,
  parseExperimentInfoTarget,
} from "../../src/tracking/cluster-env.js";

const MANAGED: Env = { POLYAXON_IS_MANAGED: "true" };

const EXPERIMENT_INFO = {
  project_name: "alice.mnist",
  experiment_group_name: null,
  experiment_name: "alice.mnist.17",
  project_uuid: "p-uuid",
  experiment_uuid: "e-uuid",
  role: "polyaxon-workers",
  type: "polyaxon-experiment",
  app: "polyaxon-experiment-job",
};
const CLUSTER = { master: ["plx-8eef-master-0:2222"], worker: ["plx-8eef-worker-0:2222", "plx-8eef-worker-1:2222"] };

interface HelperCase {
  name: string;
  helper: (o?: ClusterEnvOptions) => unknown;
  variable: string;
  valid: string;
  expected: unknown;
  /** Values that parse as JSON but have the wrong shape (JSON helpers only). */
  wrongShapes: string[];
}

const jsonHelpers: HelperCase[] = [
  {
    name: "getExperimentInfo",
    helper: getExperimentInfo,
    variable: "POLYAXON_EXPERIMENT_INFO",
    valid: JSON.stringify(EXPERIMENT_INFO),
    expected: EXPERIMENT_INFO,
    wrongShapes: [
      "[]",
      '"alice.mnist"',
      '{"project_name": "alice.mnist"}',
      '{"project_name": 1, "experiment_name": "x"}',
    ],
  },
  {
    name: "getNotebookInfo",
    helper: getNotebookInfo,
    variable: "POLYAXON_NOTEBOOK_INFO",
    valid: '{"project_name": "alice.mnist", "notebook_name": "nb"}',
    expected: { project_name: "alice.mnist", notebook_name: "nb" },
    wrongShapes: ["42", "{}"],
  },
  {
    name: "getClusterDef",
    helper: getClusterDef,
    variable: "POLYAXON_CLUSTER",
    valid: JSON.stringify(CLUSTER),
    expected: CLUSTER,
    wrongShapes: ['["a:1"]', '{"master": "a:1"}', '{"master": [1]}'],
  },
  {
    name: "getTaskInfo",
    helper: getTaskInfo,
    variable: "POLYAXON_TASK_INFO",
    valid: '{"type": "worker", "index": 1}',
    expected: { type: "worker", index: 1 },
    wrongShapes: ['{"type": "worker"}', '{"type": "worker", "index": "1"}', '{"type": "worker", "index": -1}'],
  },
  {
    name: "getParams",
    helper: getParams,
    variable: "POLYAXON_PARAMS",
    valid: '{"lr": 0.01, "layers": [64, 32]}',
    expected: { lr: 0.01, layers: [64, 32] },
    wrongShapes: ["[1, 2]", "3"],
  },
  {
    name: "getDataPaths",
    helper: getDataPaths,
    variable: "POLYAXON_RUN_DATA_PATHS",
    valid: '{"mnist": "/data/mnist"}',
    expected: { mnist: "/data/mnist" },
    wrongShapes: ['{"mnist": 1}', '"/data"'],
  },
  {
    name: "getOutputsRefsPaths",
    helper: getOutputsRefsPaths,
    variable: "POLYAXON_REFS_OUTPUTS_PATHS",
    valid: '{"jobs": ["/outputs/a/b/jobs/1"], "experiments": ["/outputs/a/b/experiments/2"]}',
    expected: { jobs: ["/outputs/a/b/jobs/1"], experiments: ["/outputs/a/b/experiments/2"] },
    wrongShapes: ['{"jobs": "/x"}', '{"experiments": [1]}'],
  },
];

const stringHelpers: HelperCase[] = [
  {
    name: "getOutputsPath",
    helper: getOutputsPath,
    variable: "POLYAXON_RUN_OUTPUTS_PATH",
    valid: "/outputs/alice/mnist/experiments/17",
    expected: "/outputs/alice/mnist/experiments/17",
    wrongShapes: [],
  },
  {
    name: "getLogLevel",
    helper: getLogLevel,
    variable: "POLYAXON_LOG_LEVEL",
    valid: "INFO",
    expected: "INFO",
    wrongShapes: [],
  },
];

describe.each([...jsonHelpers, ...stringHelpers])("$name", ({ helper, variable, valid, expected }) => {
  it("returns the value when managed", () => {
    expect(helper({ env: { ...MANAGED, [variable]: valid } })).toEqual(expected);
  });

  it("POLYAXON_IN_CLUSTER also passes the managed check", () => {
    expect(helper({ env: { POLYAXON_IN_CLUSTER: "1", [variable]: valid } })).toEqual(expected);
  });

  it("returns undefined when the variable is missing or empty", () => {
    expect(helper({ env: { ...MANAGED } })).toBeUndefined();
    expect(helper({ env: { ...MANAGED, [variable]: "" } })).toBeUndefined();
  });

  it("throws NotManagedError outside a managed container", () => {
    for (const env of [{ [variable]: valid }, { POLYAXON_IS_MANAGED: "false", [variable]: valid }]) {
      expect(() => helper({ env })).toThrow(NotManagedError);
    }
    expect(() => helper({ env: { [variable]: valid } })).toThrow("This experiment/job is not managed by Polyaxon.");
  });

  it("returns undefined in no-op mode without any check", () => {
    expect(helper({ env: { POLYAXON_NO_OP: "true", [variable]: "{broken" } })).toBeUndefined();
  });

  it("reads process.env by default", () => {
    const saved = { ...process.env };
    try {
      process.env.POLYAXON_IS_MANAGED = "yes";
      process.env[variable] = valid;
      delete process.env.POLYAXON_NO_OP;
      expect(helper()).toEqual(expected);
    } finally {
      for (const key of [variable, "POLYAXON_IS_MANAGED", "POLYAXON_NO_OP"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});

describe.each(jsonHelpers)("$name with malformed values", ({ helper, variable, wrongShapes }) => {
  function expectSettingsError(value: string) {
    try {
      helper({ env: { ...MANAGED, [variable]: value } });
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).variable).toBe(variable);
      expect((error as SettingsError).message).toContain(variable);
      return;
    }
    throw new Error(`expected a SettingsError for ${value}`);
  }

  it("invalid JSON → SettingsError naming the variable", () => expectSettingsError("{not json"));
  it.each(wrongShapes)("wrong shape %s → SettingsError naming the variable", (value) => expectSettingsError(value));

  it("JSON null counts as missing (the platform writes POLYAXON_PARAMS=null)", () => {
    expect(helper({ env: { ...MANAGED, [variable]: "null" } })).toBeUndefined();
  });
});

describe("getDeclarations", () => {
  it("is an alias of getParams", () => {
    expect(getDeclarations).toBe(getParams);
  });
});

describe("getBaseOutputsPath", () => {
  it("needs no managed context", () => {
    expect(getBaseOutputsPath({ env: { POLYAXON_BASE_OUTPUTS_PATH: "/outputs" } })).toBe("/outputs");
    expect(getBaseOutputsPath({ env: {} })).toBeUndefined();
  });
  it("returns undefined in no-op mode", () => {
    expect(
      getBaseOutputsPath({ env: { POLYAXON_NO_OP: "1", POLYAXON_BASE_OUTPUTS_PATH: "/outputs" } }),
    ).toBeUndefined();
  });
});

describe("the managed flags themselves", () => {
  it("a malformed POLYAXON_IS_MANAGED is a SettingsError, not 'not managed'", () => {
    expect(() => getOutputsPath({ env: { POLYAXON_IS_MANAGED: "sure" } })).toThrow(SettingsError);
  });
});

describe("getTfConfig", () => {
  const full: Env = {
    ...MANAGED,
    POLYAXON_CLUSTER: JSON.stringify(CLUSTER),
    POLYAXON_TASK_INFO: '{"type": "worker", "index": 0}',
    POLYAXON_RUN_OUTPUTS_PATH: "/outputs/alice/mnist/experiments/17",
  };
  const expected = {
    cluster: CLUSTER,
    task: { type: "worker", index: 0 },
    model_dir: "/outputs/alice/mnist/experiments/17",
    environment: "cloud",
  };

  it("builds the config and writes it as JSON into TF_CONFIG by default", () => {
    const env = { ...full };
    expect(getTfConfig({ env })).toEqual(expected);
    expect(JSON.parse(env.TF_CONFIG ?? "")).toEqual(expected);
  });

  it("writes into a custom variable", () => {
    const env = { ...full };
    getTfConfig({ env, envVar: "MY_TF" });
    expect(JSON.parse(env.MY_TF ?? "")).toEqual(expected);
    expect(env.TF_CONFIG).toBeUndefined();
  });

  it.each(["", null])("does not write when envVar is %j", (envVar) => {
    const env = { ...full };
    expect(getTfConfig({ env, envVar })).toEqual(expected);
    expect(Object.keys(env).sort()).toEqual(Object.keys(full).sort());
  });

  it("writes to process.env when no env is injected", () => {
    const keys = [...Object.keys(full), "PLX_TEST_TF"];
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    try {
      Object.assign(process.env, full);
      delete process.env.POLYAXON_NO_OP;
      getTfConfig({ envVar: "PLX_TEST_TF" });
      expect(JSON.parse(process.env.PLX_TEST_TF ?? "")).toEqual(expected);
    } finally {
      for (const k of keys) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  it("uses null for missing parts, like the reference's JSON", () => {
    const env: Env = { ...MANAGED };
    expect(getTfConfig({ env })).toEqual({ cluster: null, task: null, model_dir: null, environment: "cloud" });
    expect(env.TF_CONFIG).toBe('{"cluster":null,"task":null,"model_dir":null,"environment":"cloud"}');
  });

  it("throws NotManagedError and writes nothing outside a managed container", () => {
    const env: Env = { POLYAXON_CLUSTER: JSON.stringify(CLUSTER) };
    expect(() => getTfConfig({ env })).toThrow(NotManagedError);
    expect(env.TF_CONFIG).toBeUndefined();
  });

  it("propagates a malformed part as SettingsError and writes nothing", () => {
    const env: Env = { ...full, POLYAXON_TASK_INFO: "{" };
    expect(() => getTfConfig({ env })).toThrow(SettingsError);
    expect(env.TF_CONFIG).toBeUndefined();
  });

  it("returns undefined and writes nothing in no-op mode", () => {
    const env: Env = { ...full, POLYAXON_NO_OP: "true" };
    expect(getTfConfig({ env })).toBeUndefined();
    expect(env.TF_CONFIG).toBeUndefined();
  });
});

describe("parseExperimentInfoTarget", () => {
  it.each([
    ["alice.mnist", "alice.mnist.17", { owner: "alice", project: "mnist", experimentId: "17" }],
    ["alice.mnist", "alice.mnist.3.17", { owner: "alice", project: "mnist", experimentId: "17" }],
    ["alice/mnist", "alice.mnist.5", { owner: "alice", project: "mnist", experimentId: "5" }],
  ])("%s + %s", (project_name, experiment_name, expected) => {
    expect(parseExperimentInfoTarget({ project_name, experiment_name })).toEqual(expected);
  });

  it.each([
    ["mnist", "alice.mnist.1"],
    ["a.b.c", "a.b.c.1"],
    [".mnist", "alice.mnist.1"],
    ["alice.mnist", "alice.mnist."],
    ["alice.mnist", ""],
  ])("rejects project_name %j / experiment_name %j", (project_name, experiment_name) => {
    expect(() => parseExperimentInfoTarget({ project_name, experiment_name })).toThrow(SettingsError);
  });

  it("works on what getExperimentInfo returns", () => {
    const info = getExperimentInfo({ env: { ...MANAGED, POLYAXON_EXPERIMENT_INFO: JSON.stringify(EXPERIMENT_INFO) } });
    if (!info) throw new Error("expected experiment info");
    expect(parseExperimentInfoTarget(info)).toEqual({ owner: "alice", project: "mnist", experimentId: "17" });
  });
});
