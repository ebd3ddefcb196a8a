import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { parseProject } from "../../src/tracking/project.js";

describe("parseProject", () => {
  it("splits owner/project and owner.project", () => {
    expect(parseProject("alice/mnist")).toEqual({ owner: "alice", name: "mnist" });
    expect(parseProject("alice.mnist")).toEqual({ owner: "alice", name: "mnist" });
    expect(parseProject("a-b_c/proj-1_x")).toEqual({ owner: "a-b_c", name: "proj-1_x" });
  });

  it("leaves the owner undefined for a bare project name", () => {
    expect(parseProject("mnist")).toEqual({ owner: undefined, name: "mnist" });
  });

  it("accepts Unicode word characters, as the server's \\w does", () => {
    expect(parseProject("josé/données")).toEqual({ owner: "josé", name: "données" });
  });

  it("rejects an empty project with the reference's message", () => {
    for (const empty of ["", "   ", undefined as unknown as string]) {
      expect(() => parseProject(empty)).toThrow(
        new ValidationError("You need to provide a project to do tracking.", "project"),
      );
    }
  });

  it("rejects more than two parts instead of passing them through", () => {
    for (const bad of ["a/b/c", "a.b.c", "a/b.c"]) {
      expect(() => parseProject(bad)).toThrow(ValidationError);
    }
  });

  it("rejects empty parts and characters outside the server's path patterns", () => {
    for (const bad of ["alice/", "/mnist", ".mnist", "alice/mn ist", "al@ice/mnist", "mnist?x=1"]) {
      expect(() => parseProject(bad)).toThrow(/Invalid project/);
    }
  });

  it("enforces the server's length limits (owner 156, project 256)", () => {
    expect(parseProject(`${"o".repeat(156)}/${"p".repeat(256)}`).name).toHaveLength(256);
    expect(() => parseProject(`${"o".repeat(157)}/p`)).toThrow(/owner/);
    expect(() => parseProject(`o/${"p".repeat(257)}`)).toThrow(/project name/);
    expect(() => parseProject("p".repeat(257))).toThrow(/project name/);
  });

  it("sets field to project", () => {
    try {
      parseProject("a/b/c");
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).field).toBe("project");
    }
  });
});
