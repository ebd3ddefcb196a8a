/** The spec loader lives in the testing kit; the project's own msw spec handlers share it. */
export * from "../../src/testing/spec-document.js";
