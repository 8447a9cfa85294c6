/** The interop fixture (tests/helpers/interopFixture.ts) served by the real app, with a signed-in agent per user. */
import pino from "pino";
import request from "supertest";
import type TestAgent from "supertest/lib/agent";
import { users } from "../../db/schema";
import { createApp } from "../../server/app";
import { hashPassword } from "../../server/auth/password";
import { FIXTURE_NOW, interopFixtureDb, TEST_BOX } from "./interopFixture";
import { signIn } from "./app";

const PASSWORD = "interop-test-password";

/** Users of the fixture: the administrator, a district pharmacist of d-2, a CSCom manager of cs-a. */
const USERS = [
  { username: "admin", displayName: "Admin", role: "admin" as const },
  {
    username: "pharma.d2",
    displayName: "Pharmacien d-2",
    role: "district_pharmacist" as const,
    scopeRegionId: "r-1",
    scopeDistrictId: "d-2",
  },
  {
    username: "cscom.a",
    displayName: "CSCom A",
    role: "cscom_manager" as const,
    scopeRegionId: "r-1",
    scopeDistrictId: "d-1",
    scopeFacilityId: "cs-a",
  },
];

/** The fixture app (clock at FIXTURE_NOW; DHIS2 settings pointing at `dhis2Url`) and a signed-in agent per user. */
export async function interopApp(dhis2Url = "http://127.0.0.1:9") {
  const open = interopFixtureDb(dhis2Url);
  const passwordHash = hashPassword(PASSWORD);
  open.db
    .insert(users)
    .values(USERS.map((u) => ({ ...u, passwordHash, createdAt: FIXTURE_NOW.toISOString() })))
    .run();
  const app = createApp({
    db: open.db,
    clock: () => FIXTURE_NOW,
    log: pino({ level: "silent" }),
    loginRateLimitPerMinute: 0,
    secretBox: TEST_BOX,
    dhis2Client: { retryDelayMs: 1, sleep: async () => {} },
    checkResponses: true,
  });
  const agentOf = async (username: string): Promise<TestAgent> => {
    const agent = request.agent(app);
    await signIn(agent, username, PASSWORD);
    return agent;
  };
  return { open, app, admin: await agentOf("admin"), agentOf };
}
