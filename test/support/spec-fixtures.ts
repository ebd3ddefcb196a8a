/**
 * Response bodies that satisfy openapi/spec.yaml, for tests that mock the API with
 * specHandler. Each builder takes overrides; spec-fixtures.test.ts checks every default
 * against its schema, so a spec change that breaks them fails there first.
 */
import type { components } from "../../generated/schema.js";

type Schemas = components["schemas"];

const CREATED_AT = "2019-11-03T10:01:02.123456Z";
const UPDATED_AT = "2019-11-03T10:05:00.000000Z";
export const FIXTURE_UUID = "0123456789abcdef0123456789abcdef";
export const FIXTURE_TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

export function user(overrides: Partial<Schemas["User"]> = {}): Schemas["User"] {
  return { username: "alice", email: "alice@example.test", is_superuser: false, ...overrides };
}

export function tokenResponse(token = FIXTURE_TOKEN): Schemas["TokenResponse"] {
  return { token };
}

function experimentBase(overrides: Partial<Schemas["ExperimentBase"]> = {}): Schemas["ExperimentBase"] {
  return {
    id: 12,
    uuid: FIXTURE_UUID,
    name: "mnist-run",
    unique_name: "alice.mnist.12",
    user: "alice",
    description: null,
    created_at: CREATED_AT,
    updated_at: UPDATED_AT,
    started_at: null,
    finished_at: null,
    last_status: "created",
    original: null,
    cloning_strategy: null,
    project: "alice.mnist",
    experiment_group: null,
    build_job: null,
    backend: "other",
    is_managed: false,
    framework: null,
    tags: [],
    params: null,
    ...overrides,
  };
}

export function experiment(overrides: Partial<Schemas["Experiment"]> = {}): Schemas["Experiment"] {
  return { ...experimentBase(), last_metric: {}, ...overrides };
}

export function projectExperiment(
  overrides: Partial<Schemas["Experiment"] & { bookmarked: boolean }> = {},
): Schemas["ProjectExperiment"] {
  return { ...experiment(), bookmarked: false, ...overrides };
}

export function experimentDetail(overrides: Partial<Schemas["ExperimentDetail"]> = {}): Schemas["ExperimentDetail"] {
  return {
    ...experimentBase(),
    bookmarked: false,
    readme: null,
    content: null,
    resources: null,
    run_env: null,
    data_refs: null,
    num_jobs: 0,
    is_clone: false,
    code_reference: null,
    tensorboard: null,
    has_tensorboard: null,
    last_metric: null,
    ...overrides,
  };
}

export function experimentCreated(overrides: Partial<Schemas["ExperimentCreated"]> = {}): Schemas["ExperimentCreated"] {
  return {
    id: 12,
    unique_name: "alice.mnist.12",
    project: "alice.mnist",
    user: "alice",
    name: null,
    description: null,
    readme: null,
    original_experiment: null,
    experiment_group: null,
    build_job: null,
    content: null,
    params: null,
    backend: "other",
    framework: null,
    is_managed: false,
    run_env: null,
    data_refs: null,
    tags: null,
    ...overrides,
  };
}

export function archivedExperiment(
  overrides: Partial<Schemas["ArchivedExperiment"]> = {},
): Schemas["ArchivedExperiment"] {
  return { ...experiment(), bookmarked: false, deleted: true, ...overrides };
}

export function bookmark(overrides: Partial<Schemas["Experiment"]> = {}): Schemas["Bookmark"] {
  return { content_object: experiment(overrides) };
}

export function experimentStatus(overrides: Partial<Schemas["ExperimentStatus"]> = {}): Schemas["ExperimentStatus"] {
  return {
    id: 1,
    uuid: FIXTURE_UUID,
    experiment: 12,
    created_at: CREATED_AT,
    status: "running",
    message: null,
    traceback: null,
    ...overrides,
  };
}

export function experimentMetric(overrides: Partial<Schemas["ExperimentMetric"]> = {}): Schemas["ExperimentMetric"] {
  return { id: 1, experiment: 12, created_at: CREATED_AT, values: { loss: 0.25 }, ...overrides };
}

export function codeReference(overrides: Partial<Schemas["CodeReference"]> = {}): Schemas["CodeReference"] {
  return {
    id: 3,
    commit: "0123456789abcdef0123456789abcdef01234567",
    head: "0123456789abcdef0123456789abcdef01234567",
    branch: "master",
    git_url: "https://git.example.test/alice/mnist.git",
    is_dirty: false,
    repo: null,
    external_repo: null,
    ...overrides,
  };
}

export function chartView(overrides: Partial<Schemas["ChartView"]> = {}): Schemas["ChartView"] {
  return {
    id: 4,
    uuid: FIXTURE_UUID,
    experiment: 12,
    created_at: CREATED_AT,
    updated_at: UPDATED_AT,
    name: null,
    charts: [],
    meta: {},
    ...overrides,
  };
}

export function experimentJob(overrides: Partial<Schemas["ExperimentJob"]> = {}): Schemas["ExperimentJob"] {
  return {
    id: 5,
    uuid: FIXTURE_UUID,
    unique_name: "alice.mnist.12.5.master",
    role: "master",
    experiment: 12,
    last_status: "created",
    created_at: CREATED_AT,
    updated_at: UPDATED_AT,
    started_at: null,
    finished_at: null,
    resources: null,
    node_scheduled: null,
    pod_id: `plx-${FIXTURE_UUID}-master-0`,
    ...overrides,
  };
}

export function experimentJobDetail(
  overrides: Partial<Schemas["ExperimentJobDetail"]> = {},
): Schemas["ExperimentJobDetail"] {
  return { ...experimentJob(), definition: {}, ...overrides };
}

export function experimentJobStatus(
  overrides: Partial<Schemas["ExperimentJobStatus"]> = {},
): Schemas["ExperimentJobStatus"] {
  return {
    id: 6,
    uuid: FIXTURE_UUID,
    job: 5,
    created_at: CREATED_AT,
    status: "running",
    message: null,
    traceback: null,
    details: {},
    ...overrides,
  };
}

export function outputsTree(overrides: Partial<Schemas["OutputsTree"]> = {}): Schemas["OutputsTree"] {
  return { files: [["model.h5", 1024]], dirs: ["checkpoints"], ...overrides };
}

export function tensorboardJob(overrides: Partial<Schemas["TensorboardJob"]> = {}): Schemas["TensorboardJob"] {
  return {
    id: 7,
    user: "alice",
    name: null,
    description: null,
    project: "alice.mnist",
    unique_name: "alice.mnist.tensorboards.7",
    content: null,
    pod_id: null,
    build_job: null,
    last_status: "created",
    tags: null,
    ...overrides,
  };
}

export function experimentSearch(overrides: Partial<Schemas["ExperimentSearch"]> = {}): Schemas["ExperimentSearch"] {
  return { id: 8, name: null, query: { query: "status:running" }, meta: {}, ...overrides };
}

/** A limit/offset page of `results`. */
export function page<T>(
  results: T[],
  overrides: { count?: number; next?: string | null; previous?: string | null } = {},
): { count: number; next: string | null; previous: string | null; results: T[] } {
  return { count: results.length, next: null, previous: null, ...overrides, results };
}

/** A default body for each response schema of the spec, by component name. */
export const fixturesBySchema: Record<string, () => unknown> = {
  User: () => user(),
  TokenResponse: () => tokenResponse(),
  Experiment: () => experiment(),
  ExperimentDetail: () => experimentDetail(),
  ExperimentCreated: () => experimentCreated(),
  ExperimentStatus: () => experimentStatus(),
  ExperimentMetric: () => experimentMetric(),
  CodeReference: () => codeReference(),
  ChartView: () => chartView(),
  ExperimentJobDetail: () => experimentJobDetail(),
  ExperimentJobStatus: () => experimentJobStatus(),
  OutputsTree: () => outputsTree(),
  TensorboardJob: () => tensorboardJob(),
  ExperimentSearch: () => experimentSearch(),
  ExperimentPage: () => page([experiment()]),
  ProjectExperimentPage: () => page([projectExperiment()]),
  ArchivedExperimentPage: () => page([archivedExperiment()]),
  BookmarkPage: () => page([bookmark()]),
  ExperimentStatusPage: () => page([experimentStatus()]),
  ExperimentMetricPage: () => page([experimentMetric()]),
  ChartViewPage: () => page([chartView()]),
  ExperimentJobPage: () => page([experimentJob()]),
  ExperimentJobStatusPage: () => page([experimentJobStatus()]),
  ExperimentSearchPage: () => page([experimentSearch()]),
};
