/**
 * Compile-time checks of the paginator, run by `npm run typecheck` (not by vitest): each
 * `@ts-expect-error` fails the type-check if the line below it ever compiles.
 */
import { createClient, type PaginatedPath, paginate, type Schemas } from "../../src/api/index.js";

const client = createClient({ host: "localhost", port: 8000, token: "t" });
const project = { username: "alice", project_name: "mnist" };

export async function paginateTypeChecks(): Promise<void> {
  // Items are typed by the list's page schema.
  for await (const metric of paginate(client, "/{username}/{project_name}/experiments/{id}/metrics/", {
    params: { path: { ...project, id: 12 } },
  })) {
    const point: Schemas["ExperimentMetric"] = metric;
    void point;
  }
  for await (const experiment of paginate(client, "/{username}/{project_name}/experiments/", {
    params: { path: project, query: { query: "status:running", sort: "-created_at" } },
    pageSize: 50,
  })) {
    const status: string | null | undefined = "last_status" in experiment ? experiment.last_status : undefined;
    void status;
  }
  // The global list has no path parameters: options may be left out.
  for await (const experiment of paginate(client, "/experiments/")) void experiment.unique_name;

  // @ts-expect-error not a list: the detail GET has no limit/offset envelope
  paginate(client, "/{username}/{project_name}/experiments/{id}/", { params: { path: { ...project, id: 1 } } });

  // @ts-expect-error the logs GET is text, not a page
  paginate(client, "/{username}/{project_name}/experiments/{id}/logs/", { params: { path: { ...project, id: 1 } } });

  // @ts-expect-error path parameters are required where the path has some
  paginate(client, "/{username}/{project_name}/experiments/");

  // @ts-expect-error limit and offset belong to the paginator (use pageSize)
  paginate(client, "/{username}/{project_name}/experiments/", { params: { path: project, query: { limit: 5 } } });

  paginate(client, "/{username}/{project_name}/experiments/{id}/statuses/", {
    // @ts-expect-error a wrong path parameter name
    params: { path: { ...project, experiment_id: 1 } },
  });

  // Every list operation of the spec is a PaginatedPath, and nothing else is.
  type Lists =
    | "/experiments/"
    | "/{username}/{project_name}/experiments/"
    | "/{username}/{project_name}/experiments/{id}/statuses/"
    | "/{username}/{project_name}/experiments/{id}/metrics/"
    | "/{username}/{project_name}/experiments/{id}/chartviews/"
    | "/{username}/{project_name}/experiments/{id}/jobs/"
    | "/{username}/{project_name}/experiments/{id}/jobs/{job_id}/statuses/"
    | "/bookmarks/{username}/experiments/"
    | "/archives/{username}/experiments/"
    | "/searches/{username}/{project_name}/experiments/";
  const exact: [PaginatedPath] extends [Lists] ? ([Lists] extends [PaginatedPath] ? true : false) : false = true;
  void exact;
}
