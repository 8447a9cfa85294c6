/** Zod schemas of the auth answers, loaded on demand so zod stays out of the entry chunk. */
import { z } from "zod";
import { MeSchema } from "@shared/contracts/auth";

/** Login and /auth/me answer the user and, when the server uses one, the session's CSRF token. */
export const UserEnvelope = z.object({ user: MeSchema, csrfToken: z.string().optional() });
