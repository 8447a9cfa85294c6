import { describe, expect, it } from "vitest";
import { CreateContract, EMPTY_ACCOUNT, scopeFieldOf, toCreateRequest, toUpdateRequest } from "./userForm";

const typed = { ...EMPTY_ACCOUNT, username: " Awa.Kone ", displayName: "Awa Koné", password: "temporaire-2026" };

describe("the account form", () => {
  it("names the one scope field each role takes", () => {
    expect(scopeFieldOf("regional_manager")).toBe("regionId");
    expect(scopeFieldOf("district_pharmacist")).toBe("districtId");
    expect(scopeFieldOf("cscom_manager")).toBe("facilityId");
    expect(scopeFieldOf("admin")).toBeNull();
  });

  it("sends only the scope field of the chosen role, whatever else was picked on the way", () => {
    const request = toCreateRequest({
      ...typed,
      role: "district_pharmacist",
      area: "mopti",
      regionId: "mopti",
      districtId: "mopti",
      facilityId: "x",
    });
    expect(request).toEqual({
      username: "Awa.Kone",
      displayName: "Awa Koné",
      role: "district_pharmacist",
      districtId: "mopti",
      password: "temporaire-2026",
    });
    expect(toUpdateRequest({ ...typed, role: "admin", regionId: "mopti" })).toEqual({
      displayName: "Awa Koné",
      role: "admin",
    });
  });

  it("refuses a role without its scope at that field, and lower-cases the username like the server", () => {
    const missing = CreateContract.safeParse(toCreateRequest({ ...typed, role: "district_pharmacist" }));
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join("."))).toEqual(["districtId"]);
    const ok = CreateContract.safeParse(toCreateRequest({ ...typed, role: "regional_manager", regionId: "mopti" }));
    expect(ok.success && ok.data.username).toBe("awa.kone");
  });
});
