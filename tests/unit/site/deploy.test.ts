// site/base for GitHub Pages follow from GITHUB_REPOSITORY, with explicit overrides.
import { describe, expect, it } from "vitest";
import { deployTarget, normalizeBase } from "../../../src/site/deploy.mjs";

describe("deployTarget", () => {
  it("derives a project site from GITHUB_REPOSITORY", () => {
    expect(deployTarget({ GITHUB_REPOSITORY: "Alice/ntk-notebook" })).toEqual({ site: "https://alice.github.io", base: "/ntk-notebook/" });
  });
  it("serves a user site (owner.github.io) at the root", () => {
    expect(deployTarget({ GITHUB_REPOSITORY: "alice/alice.github.io" })).toEqual({ site: "https://alice.github.io", base: "/" });
  });
  it("lets SITE_URL and BASE_PATH override, and defaults to localhost", () => {
    expect(deployTarget({ GITHUB_REPOSITORY: "a/b", SITE_URL: "https://ntk.example.org", BASE_PATH: "docs" })).toEqual({ site: "https://ntk.example.org", base: "/docs/" });
    expect(deployTarget({})).toEqual({ site: "http://localhost:4321", base: "/" });
  });
  it("normalizes base paths", () => {
    expect(normalizeBase("")).toBe("/");
    expect(normalizeBase("/x")).toBe("/x/");
    expect(normalizeBase("x/y/")).toBe("/x/y/");
  });
});
