/**
 * The error a call ends with, for tests that look into it: the test fails when the call ends
 * without one, or with one that is not an instance of each class given.
 */
import { expect } from "vitest";

type ErrorClass<E = unknown> = abstract new (...args: never[]) => E;

export function thrown(fn: () => unknown): unknown;
export function thrown<E>(fn: () => unknown, type: ErrorClass<E>, ...also: ErrorClass[]): E;
export function thrown(fn: () => unknown, ...classes: ErrorClass[]): unknown {
  try {
    fn();
  } catch (error) {
    return checked(error, classes);
  }
  throw new Error("expected a throw, nothing was thrown");
}

export async function rejected(promise: Promise<unknown>): Promise<unknown>;
export async function rejected<E>(promise: Promise<unknown>, type: ErrorClass<E>, ...also: ErrorClass[]): Promise<E>;
export async function rejected(promise: Promise<unknown>, ...classes: ErrorClass[]): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return checked(error, classes);
  }
  throw new Error("expected a rejection, the promise resolved");
}

function checked(error: unknown, classes: ErrorClass[]): unknown {
  for (const type of classes) expect(error).toBeInstanceOf(type);
  return error;
}
