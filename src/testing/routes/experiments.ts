/**
 * Experiment collections and single experiments (openapi/spec.yaml;
 * docs/wire.md#creating-an-experiment, docs/wire.md#duplicate-names, docs/wire.md#patch-merge).
 */
import type { components } from "../../../generated/schema.js";
import { type Answer, empty, htmlError, json, NOT_FOUND } from "../answers.js";
import {
  type ExperimentRecord,
  experimentCreated,
  experimentDetail,
  experimentItem,
  isStoppable,
  type JsonObject,
  lastStatus,
  projectItem,
} from "../records.js";
import {
  ALL,
  type Ctx,
  type Handler,
  isAnswer,
  mayAct,
  onExperiment,
  page,
  param,
  projectOf,
  username,
} from "./context.js";
import { parseQuery, sortExperiments } from "./experiment-query.js";

type Schemas = components["schemas"];
const BOOLEAN = /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i;
const TRUE = /^(y|yes|t|true|on|1)$/i;

function detail(ctx: Ctx, e: ExperimentRecord, status = 200): Answer {
  return json(status, experimentDetail(e, ctx.state.isBookmarked(username(ctx), e.id)));
}

function renamed(ctx: Ctx, e: { owner: string; project: string }, name: string): string | Answer {
  const unique = ctx.state.uniqueName(e.owner, e.project, name);
  if (unique !== undefined) return unique;
  const taken = `${name}-${ctx.state.projectExperiments(e.owner, e.project).filter((x) => x.name?.startsWith(name)).length}`;
  return json(400, [
    `[ErrorDetail(string='An instance with name \`${taken}\` already exists in this project.', code='invalid')]`,
  ]);
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}

/** PATCH/PUT merge (docs/wire.md#patch-merge): union of tags, shallow merge of params and data refs. */
function merged<T extends JsonObject | string[]>(current: T | null, next: T | null, merge: boolean): T | null {
  const emptyValue = (v: T | null) => v === null || (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
  if (!merge || emptyValue(current) || emptyValue(next)) {
    return Array.isArray(next) ? (uniqueTags(next) as T) : next;
  }
  if (Array.isArray(current) && Array.isArray(next))
    return [...current, ...uniqueTags(next).filter((t) => !current.includes(t))] as T;
  return { ...(current as JsonObject), ...(next as JsonObject) } as T;
}

function applyUpdate(
  ctx: Ctx,
  e: ExperimentRecord,
  body: Schemas["ExperimentUpdate"],
  put: boolean,
): Answer | undefined {
  const merge = body.merge === true;
  const has = (key: keyof Schemas["ExperimentUpdate"]) => Object.hasOwn(body, key);
  if (has("name") || put) {
    const name = body.name ?? null;
    if (name === null) e.name = null;
    else {
      const result = renamed(ctx, e, name);
      if (isAnswer(result)) return result;
      e.name = result;
    }
  }
  if (has("description")) e.description = body.description ?? null;
  if (has("readme")) e.readme = body.readme ?? null;
  if (has("tags")) e.tags = merged(e.tags, body.tags ?? null, merge);
  if (has("params")) e.params = merged(e.params, body.params ?? null, merge);
  if (has("data_refs")) e.dataRefs = merged(e.dataRefs, body.data_refs ?? null, merge) as Record<string, string> | null;
  if (has("run_env")) e.runEnv = body.run_env ?? null;
  if (has("backend")) e.backend = body.backend ?? null;
  if (has("framework")) e.framework = body.framework ?? null;
  if (has("is_managed") || put) e.isManaged = body.is_managed ?? true;
  if (has("cloning_strategy")) e.cloningStrategy = body.cloning_strategy ?? null;
  if (has("code_reference")) e.codeReference = body.code_reference ?? null;
  e.updatedAt = ctx.state.clock.now();
  return undefined;
}

const listProjectExperiments: Handler = (ctx) => {
  const place = projectOf(ctx);
  if (isAnswer(place)) return place;
  for (const key of ["independent", "metrics", "params"]) {
    const value = ctx.query.get(key);
    if (value !== null && !BOOLEAN.test(value)) return htmlError(500);
  }
  if (TRUE.test(ctx.query.get("independent") ?? "") && ctx.query.has("group")) {
    return json(400, ["You cannot filter for independent experiments and group experiments at the same time."]);
  }
  if (ctx.query.has("group")) return NOT_FOUND();
  let items = ctx.state.projectExperiments(place.owner, place.project).filter((e) => !e.archived);
  const query = ctx.query.get("query");
  if (query) {
    const filter = parseQuery(query, (e) =>
      e.codeReference === null ? null : (ctx.state.codeRefs.get(e.codeReference)?.commit ?? null),
    );
    if ("error" in filter) return json(400, [filter.error]);
    items = items.filter(filter);
  }
  const sorted = sortExperiments(items, ctx.query.get("sort"));
  const user = username(ctx);
  const rows = sorted.map((e) => {
    if (TRUE.test(ctx.query.get("metrics") ?? "")) {
      const { id, uuid, name, unique_name, last_metric, started_at, finished_at } = experimentItem(e);
      return { id, uuid, name, unique_name, last_metric, started_at, finished_at };
    }
    if (TRUE.test(ctx.query.get("params") ?? "")) {
      const { id, uuid, name, unique_name, params } = experimentItem(e);
      return { id, uuid, name, unique_name, params };
    }
    return projectItem(e, ctx.state.isBookmarked(user, e.id));
  });
  return page(ctx, rows, { defaultLimit: ctx.query.get("all") ? ALL : 20, gzipLayers: 1 });
};

const createExperiment: Handler = (ctx) => {
  const place = projectOf(ctx);
  if (isAnswer(place)) return place;
  const body = ctx.body as Schemas["ExperimentCreate"];
  const isManaged = body.is_managed ?? true;
  if (isManaged && !body.content) return json(400, { non_field_errors: ["Experiment expects a `content`."] });
  if (body.experiment_group !== undefined && body.experiment_group !== null)
    return json(400, ["Received an invalid group."]);
  let name: string | null = body.name ?? null;
  if (name !== null) {
    const result = renamed(ctx, place, name);
    if (isAnswer(result)) return result;
    name = result;
  }
  const e = ctx.state.createExperiment({
    owner: place.owner,
    project: place.project,
    user: username(ctx) || place.owner,
    name,
    description: body.description ?? null,
    readme: body.readme ?? null,
    content: body.content ?? null,
    isManaged,
    backend: body.backend || "native",
    framework: body.framework ?? null,
    tags: body.tags ? uniqueTags(body.tags) : null,
    params: body.params ?? null,
    runEnv: body.run_env ?? null,
    dataRefs: body.data_refs ?? null,
    original: null,
    cloningStrategy: null,
    codeReference: null,
  });
  return json(201, experimentCreated(e));
};

function update(put: boolean): Handler {
  return onExperiment((ctx, e) => applyUpdate(ctx, e, ctx.body as Schemas["ExperimentUpdate"], put) ?? detail(ctx, e));
}

function stop(ctx: Ctx, e: ExperimentRecord): void {
  if (isStoppable(lastStatus(e)) || lastStatus(e) === "created") ctx.state.addStatus(e, { status: "stopped" });
}

const deleteExperiment: Handler = onExperiment((ctx, e) => {
  stop(ctx, e);
  ctx.state.experimentsById.delete(e.id);
  return empty(204);
});

function bulk(action: (ctx: Ctx, e: ExperimentRecord) => void): Handler {
  return (ctx) => {
    const place = projectOf(ctx);
    if (isAnswer(place)) return place;
    const ids = (ctx.body as Schemas["ExperimentIds"] | undefined)?.ids ?? [];
    for (const id of ids) {
      const e = ctx.state.experimentsById.get(id);
      if (e && e.owner === place.owner && e.project === place.project) action(ctx, e);
    }
    return empty(200);
  };
}

function clone(strategy: "copy" | "restart" | "resume"): Handler {
  return onExperiment((ctx, source) => {
    const body = (ctx.body ?? {}) as Schemas["ExperimentClone"];
    const original =
      strategy === "resume" && source.cloningStrategy === "resume" && source.original !== null
        ? ([...ctx.state.experimentsById.values()].find((x) => `${x.owner}.${x.project}.${x.id}` === source.original) ??
          source)
        : source;
    const e = ctx.state.createExperiment({
      owner: original.owner,
      project: original.project,
      user: username(ctx) || original.user,
      name: null,
      description: body.description ?? null,
      readme: null,
      content: body.content ?? original.content,
      isManaged: true,
      backend: original.backend,
      framework: original.framework,
      tags: null,
      params: original.params,
      runEnv: null,
      dataRefs: null,
      original: `${original.owner}.${original.project}.${original.id}`,
      cloningStrategy: strategy,
      codeReference: body.update_code ? null : original.codeReference,
    });
    return json(201, experimentItem(e));
  });
}

function bookmarks(ctx: Ctx): Map<number, boolean> {
  const user = username(ctx);
  let marks = ctx.state.bookmarks.get(user);
  if (!marks) {
    marks = new Map();
    ctx.state.bookmarks.set(user, marks);
  }
  return marks;
}

/** A user's own list (bookmarks, archives): another user's is empty unless the caller is staff. */
function userList(ctx: Ctx, rows: (user: string) => unknown[]): Answer {
  const owner = param(ctx, "username");
  const allowed = mayAct(ctx, owner);
  const sort = ctx.query.get("sort") ?? "-updated_at";
  return page(ctx, allowed ? rows(owner).sort(byField(sort)) : [], { defaultLimit: 20, gzipLayers: 1 });
}

function byField(sort: string): (a: unknown, b: unknown) => number {
  const field = sort.replace(/^-/, "") === "created_at" ? "created_at" : "updated_at";
  const sign = sort.startsWith("-") ? -1 : 1;
  const key = (row: unknown) => {
    const item = (row as { content_object?: JsonObject }).content_object ?? (row as JsonObject);
    return String(item[field]);
  };
  return (a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

export const experimentRoutes: Record<string, Handler> = {
  getCurrentUser: (ctx) => {
    if (ctx.principal.kind !== "user") return json(200, { username: "", is_superuser: false });
    const { username: name, email, isSuperuser } = ctx.principal.user;
    return json(200, { username: name, email: email ?? "", is_superuser: isSuperuser === true });
  },
  loginWithCredentials: (ctx) => {
    const { username: name, password } = ctx.body as Schemas["LoginCredentials"];
    const user = ctx.state.users.find(
      (u) => u.username === name && u.password !== undefined && u.password === password,
    );
    if (!user) return json(400, { non_field_errors: ["Unable to log in with provided credentials."] });
    return json(200, { token: user.token });
  },
  listExperiments: (ctx) => {
    const items = [...ctx.state.experimentsById.values()].filter((e) => !e.archived).map(experimentItem);
    return page(ctx, items, { defaultLimit: 20, gzipLayers: 0 });
  },
  listProjectExperiments,
  createExperiment,
  stopExperiments: bulk(stop),
  deleteExperiments: bulk((ctx, e) => ctx.state.experimentsById.delete(e.id)),
  deleteExperimentsViaPost: () => htmlError(500),
  getExperiment: onExperiment(detail),
  updateExperiment: update(false),
  replaceExperiment: update(true),
  deleteExperiment,
  archiveExperiment: onExperiment((_ctx, e) => {
    e.archived = true;
    return empty(200);
  }),
  restoreExperiment: onExperiment((_ctx, e) => {
    e.archived = false;
    return empty(200);
  }, true),
  restartExperiment: clone("restart"),
  resumeExperiment: clone("resume"),
  copyExperiment: clone("copy"),
  stopExperiment: onExperiment((ctx, e) => {
    stop(ctx, e);
    return empty(200);
  }),
  bookmarkExperiment: onExperiment((ctx, e) => {
    bookmarks(ctx).set(e.id, true);
    return empty(201);
  }),
  unbookmarkExperiment: onExperiment((ctx, e) => {
    const marks = bookmarks(ctx);
    if (!marks.has(e.id)) return NOT_FOUND();
    marks.set(e.id, false);
    return empty(204);
  }),
  experimentHeartbeat: onExperiment((_ctx, e) => {
    e.heartbeats += 1;
    return empty(200);
  }),
  listBookmarkedExperiments: (ctx) =>
    userList(ctx, (owner) =>
      [...(ctx.state.bookmarks.get(owner) ?? new Map<number, boolean>())]
        .filter(([id, enabled]) => enabled && ctx.state.experimentsById.get(id)?.archived === false)
        .map(([id]) => ({ content_object: experimentItem(ctx.state.require(id)) })),
    ),
  listArchivedExperiments: (ctx) =>
    userList(ctx, (owner) =>
      [...ctx.state.experimentsById.values()]
        .filter((e) => e.archived && e.user === owner)
        .map((e) => ({ ...experimentItem(e), bookmarked: ctx.state.isBookmarked(owner, e.id), deleted: true })),
    ),
};
