/**
 * Minimal server answers for the facade's wire tests, shaped as openapi/spec.yaml declares
 * them (the spec handlers check every mocked response, so a drift fails the tests).
 */
import type { components } from "../../generated/schema.js";

type Schemas = components["schemas"];

const CREATED_AT = "2019-11-03T10:01:02.123456Z";
const UUID = "0123456789abcdef0123456789abcdef";

export function user(): Schemas["User"] {
  return { username: "alice", email: "alice@example.test", is_superuser: false };
}

export function created(): Schemas["ExperimentCreated"] {
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
  };
}

export function detail(): Schemas["ExperimentDetail"] {
  return {
    id: 12,
    uuid: UUID,
    name: "mnist-run",
    unique_name: "alice.mnist.12",
    user: "alice",
    description: null,
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    started_at: null,
    finished_at: null,
    last_status: "running",
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
  };
}

export function status(): Schemas["ExperimentStatus"] {
  return {
    id: 1,
    uuid: UUID,
    experiment: 12,
    created_at: CREATED_AT,
    status: "running",
    message: null,
    traceback: null,
  };
}

export function codeRef(): Schemas["CodeReference"] {
  return {
    id: 3,
    commit: "0123456789abcdef0123456789abcdef01234567",
    head: "0123456789abcdef0123456789abcdef01234567",
    branch: "master",
    git_url: "",
    is_dirty: false,
    repo: null,
    external_repo: null,
  };
}
