/**
 * A tiny hand-written `paths` type in openapi-typescript's shape, so the middleware tests do
 * not depend on the full generated schema.
 */
type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type ProjectPath = { username: string; project_name: string };
type ExperimentPath = ProjectPath & { id: number };
type Experiment = { id: number; name?: string };

export interface paths {
  "/{username}/{project_name}/experiments/": {
    get: {
      parameters: { query?: { offset?: number }; path: ProjectPath };
      responses: { 200: Json<{ count: number; results: Experiment[] }> };
    };
    post: {
      parameters: { path: ProjectPath };
      requestBody?: { content: { "application/json": { name?: string } } };
      responses: { 201: Json<Experiment>; 400: Json<Record<string, string[]>> };
    };
  };
  "/{username}/{project_name}/experiments/{id}/": {
    get: { parameters: { path: ExperimentPath }; responses: { 200: Json<Experiment>; 404: Json<{ detail: string }> } };
    patch: {
      parameters: { path: ExperimentPath };
      requestBody: { content: { "application/json": { description?: string } } };
      responses: { 200: Json<Experiment> };
    };
    delete: {
      parameters: { path: ExperimentPath };
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
    };
  };
  "/{username}/{project_name}/experiments/{id}/metrics/": {
    post: {
      parameters: { path: ExperimentPath };
      requestBody: { content: { "application/json": { values: Record<string, number>; created_at?: string }[] } };
      responses: { 201: Json<unknown> };
    };
  };
}
