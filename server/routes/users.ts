/** Accounts (administration): GET /users, GET /users/:id, POST /users, PATCH /users/:id. */
import { UserParams } from "../../shared/contracts/refs";
import { pageOf } from "../../shared/contracts/common";
import { UserCreate, UserUpdate, UsersQuery, UserView } from "../../shared/contracts/users";
import { hashPassword } from "../auth/password";
import { auditView, createUser, updateUser } from "../commands/users";
import type { AppDeps } from "../deps";
import { getUser, listUsers } from "../queries/users";
import { created, type SecureRouter } from "./secureRouter";

const manage = { action: "users:manage", response: UserView } as const;

/** Routes of the accounts: the administrator manages every account, a regional manager those of their region. */
export function userRoutes(r: SecureRouter, { db, clock }: AppDeps): void {
  r.get("/users", { ...manage, query: UsersQuery, response: pageOf(UserView) }, ({ res, user, query }) => {
    res.json(listUsers(db, user, query, clock()));
  });
  r.get("/users/:id", { ...manage, params: UserParams }, ({ res, params }) => {
    res.json(getUser(db, params.id, clock()));
  });
  r.post(
    "/users",
    { ...manage, body: UserCreate, response: created(UserView) },
    {
      // scrypt takes tens of milliseconds: hashed before the transaction, so the write lock is not held meanwhile.
      prepare: ({ body }) => hashPassword(body.password),
      run: ({ tx, user, body, now, prepared }) => {
        const created = createUser(tx, user, body, prepared, now);
        return {
          status: 201,
          body: created,
          audit: { action: "user.create", objectType: "user", objectId: String(created.id), after: auditView(created) },
        };
      },
    },
  );
  r.patch(
    "/users/:id",
    { ...manage, params: UserParams, body: UserUpdate },
    {
      prepare: ({ body }) => (body.password === undefined ? null : hashPassword(body.password)),
      run: ({ tx, user, params, body, now, prepared }) => {
        const { before, after, sessionsEnded } = updateUser(tx, user, params.id, body, prepared, now);
        const action =
          body.password !== undefined
            ? "user.password.reset"
            : body.active === false
              ? "user.deactivate"
              : "user.update";
        return {
          status: 200,
          body: after,
          audit: {
            action,
            objectType: "user",
            objectId: String(after.id),
            before: auditView(before),
            after: {
              ...auditView(after),
              ...(body.password !== undefined ? { passwordReset: true } : {}),
              sessionsEnded,
            },
          },
        };
      },
    },
  );
}
