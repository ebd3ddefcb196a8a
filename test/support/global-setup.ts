/** Once per `vitest run`: the child scripts, bundled (see child-scripts.ts). */
import type { TestProject } from "vitest/node";
import { buildChildScripts } from "./child-scripts.js";

export default async function setup(project: TestProject): Promise<() => void> {
  const { dir, remove } = await buildChildScripts();
  project.provide("childScripts", dir);
  return remove;
}
