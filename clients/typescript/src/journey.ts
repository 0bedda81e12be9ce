// What an integrator writes with the TypeScript client: every path, parameter, body and answer typed from the served
// OpenAPI document (src/schema.d.ts), no hand-written URL and no cast. Run against a portal at DATATRICKS_URL; exits
// non-zero at the first answer that is not what the document promises.
import createClient, { type Middleware } from "openapi-fetch";
import { randomUUID } from "node:crypto";
import type { components, paths } from "./schema.js";

type Environment = components["schemas"]["EnvironmentResponse"];

function portalAddress(): string {
  const address = process.env["DATATRICKS_URL"];
  if (!address) throw new Error("Set DATATRICKS_URL to the portal's address.");
  return address;
}

const baseUrl = portalAddress();

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`Journey failed: ${what}`);
}

const anonymous = createClient<paths>({ baseUrl });

function signedIn(token: string) {
  const client = createClient<paths>({ baseUrl });
  const bearer: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
  client.use(bearer);
  return client;
}

async function tokenFor(email: string, password: string): Promise<string> {
  const { data, error } = await anonymous.POST("/api/v1/auth/token", { body: { email, password } });
  check(data !== undefined, `a token for ${email}: ${JSON.stringify(error)}`);
  return data.accessToken;
}

const tag = randomUUID().slice(0, 8);
const password = "Journey-Passw0rd!";
const adminEmail = `admin-${tag}@journey-ts.test`;

const signup = await anonymous.POST("/api/v1/signup", {
  params: { header: { "Idempotency-Key": randomUUID() } },
  body: { customerName: `Journey TS ${tag}`, adminEmail, adminPassword: password },
});
check(signup.response.status === 201 && signup.data !== undefined, `sign-up answered ${signup.response.status}`);
const api = signedIn(await tokenFor(adminEmail, password));

// A create whose answer is lost (a node died behind the load balancer, which answers 502 and does not resend a POST)
// is sent again with the same Idempotency-Key: the first answer comes back and there is one environment.
const key = randomUUID();
const request = { name: `journey-${tag}`, cloud: "Aws", region: "us-east-1", maxWorkers: 3 } as const;
const created = await api.POST("/api/v1/compute-environments", { params: { header: { "Idempotency-Key": key } }, body: request });
check(created.response.status === 202 && created.data !== undefined, `create answered ${created.response.status}`);
const environment: Environment = created.data;
check(environment.status === "Pending", `a new environment is Pending, not ${environment.status}`);
const retried = await api.POST("/api/v1/compute-environments", { params: { header: { "Idempotency-Key": key } }, body: request });
check(retried.data?.id === environment.id, "the retry answers the same environment");
check(retried.response.headers.get("Idempotent-Replayed") === "true", "the retry is marked Idempotent-Replayed");

const operationId = environment.operationId;
check(operationId !== null, "a new environment has an operation to follow");
const operation = await api.GET("/api/v1/operations/{id}", { params: { path: { id: operationId }, query: { wait: "30s" } } });
check(operation.data?.done === true && operation.data.status === "Succeeded", `the create succeeded: ${JSON.stringify(operation.data)}`);

const read = await api.GET("/api/v1/compute-environments/{id}", { params: { path: { id: environment.id } } });
const etag = read.response.headers.get("ETag");
check(etag !== null, "a read carries an ETag");
const renamed = await api.PATCH("/api/v1/compute-environments/{id}", {
  params: { path: { id: environment.id }, header: { "If-Match": etag } },
  body: { name: `renamed-${tag}` },
});
check(renamed.data?.name === `renamed-${tag}`, "the rename with If-Match applied");
const stale = await api.PATCH("/api/v1/compute-environments/{id}", {
  params: { path: { id: environment.id }, header: { "If-Match": etag } },
  body: { name: `stale-${tag}` },
});
check(stale.response.status === 412 && stale.error?.code === "precondition-failed", "a stale If-Match is refused with 412");

const repo = await api.POST("/api/v1/repos", { body: { name: "Forecasts", computeEnvironmentId: environment.id } });
check(repo.data !== undefined, `a repo was made: ${JSON.stringify(repo.error)}`);
const member = await api.POST("/api/v1/users", { body: { email: `mia-${tag}@journey-ts.test`, password } });
check(member.data?.role === "Member", "a user made without a role is a Member");
await api.PUT("/api/v1/repos/{id}/members/{userId}", { params: { path: { id: repo.data.id, userId: member.data.id } } });
const members = await api.GET("/api/v1/repos/{id}/members", { params: { path: { id: repo.data.id } } });
check(members.data?.items.map((m) => m.email).join() === `mia-${tag}@journey-ts.test`, "the member is listed");

const refused = await api.DELETE("/api/v1/compute-environments/{id}", { params: { path: { id: environment.id } } });
check(refused.response.status === 409 && refused.error?.code === "environment-in-use", "an environment in use is not deleted");
check(refused.error !== undefined && "repos" in refused.error && refused.error.repos?.[0]?.name === "Forecasts", "the refusal lists the bound repo");

const typo = await api.POST("/api/v1/repos", { body: { name: "Typo", computeEnvironmentId: environment.id, ...{ nmae: "x" } } });
check(typo.response.status === 400 && typo.error?.code === "validation-failed", "an unknown field is refused");

await api.DELETE("/api/v1/repos/{id}", { params: { path: { id: repo.data.id } } });
const deleting = await api.DELETE("/api/v1/compute-environments/{id}", { params: { path: { id: environment.id } } });
check(deleting.data?.status === "Deleting", "the environment is being deleted");

const asMember = signedIn(await tokenFor(`mia-${tag}@journey-ts.test`, password));
const forbidden = await asMember.POST("/api/v1/compute-environments", { body: { name: `not-mine-${tag}`, cloud: "Gcp", region: "us-central1" } });
check(forbidden.response.status === 403 && forbidden.error?.code === "forbidden", "a member cannot create an environment");
const limits = forbidden.response.headers.get("RateLimit");
check(limits !== null && limits.includes('"token";r='), "every authenticated answer says what is left of the limits");
const missing = await api.GET("/api/v1/compute-environments/{id}", { params: { path: { id: randomUUID() } } });
check(missing.response.status === 404 && missing.error?.code === "not-found", "an unknown id answers 404");

console.log(`TypeScript journey passed for ${adminEmail}.`);
