/** Accounts (administration): list, create, change; the signed-in user's own password change is in api/auth.ts. */
import { keepPreviousData, useQueryClient, useQuery } from "@tanstack/react-query";
import { pageOf } from "@shared/contracts/common";
import { UserView, type UserCreate, type UsersQuery, type UserUpdate } from "@shared/contracts/users";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

const usersPage = pageOf(UserView);

/** One page of the accounts the user manages. */
export function useUsers(query: Partial<UsersQuery>) {
  return useQuery({
    queryKey: ["users", query],
    queryFn: ({ signal }) => apiGet(usersPage, "/users", { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Creates an account (POST /users); the list is read again after. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useWriteMutation(
    (body: UserCreate, idempotencyKey: string) => apiWrite(UserView, "/users", { body, idempotencyKey }),
    { onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["users"] }) },
  );
}

/** Changes an account (PATCH /users/:id): name, role and scope, active, a reset password. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useWriteMutation(
    ({ id, body }: { id: number; body: UserUpdate }, idempotencyKey: string) =>
      apiWrite(UserView, `/users/${id}`, { method: "PATCH", body, idempotencyKey }),
    { onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["users"] }) },
  );
}
