import { describe, expect, it } from "vitest";
import { specDocument } from "./spec-document.js";
import { experimentDetail, fixturesBySchema } from "./spec-fixtures.js";

describe("spec fixtures", () => {
  it.each(Object.keys(fixturesBySchema))("%s matches its schema", (name) => {
    const validate = specDocument().schemaValidator(name);
    const build = fixturesBySchema[name];
    expect(build).toBeDefined();
    expect(validate(build?.()), JSON.stringify(validate.errors)).toBe(true);
  });

  it("covers every response schema the spec names", () => {
    const named = new Set<string>();
    for (const op of specDocument().operations) {
      for (const response of op.responses.values()) {
        if (response.schemaName !== undefined && response.schemaName !== "Error") named.add(response.schemaName);
      }
    }
    expect([...named].sort()).toEqual(Object.keys(fixturesBySchema).sort());
  });

  it("is checked for real: a detail without bookmarked fails", () => {
    const { bookmarked: _dropped, ...broken } = experimentDetail();
    expect(specDocument().schemaValidator("ExperimentDetail")(broken)).toBe(false);
  });
});
