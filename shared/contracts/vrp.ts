/** POST /vrp/solve: VROOM JSON in, VROOM JSON out; solver options from the query or the body. */
import { z } from "zod";
import { VroomInputSchema } from "../vrp/vroom";

/** Upper bound of a solve's wall-clock budget, ms (the request waits for it). */
export const MAX_DEADLINE_MS = 30_000;
/** Budget when none is given, ms. */
export const DEFAULT_DEADLINE_MS = 2_000;

const deadline = z.coerce.number().int().min(10).max(MAX_DEADLINE_MS);
const seed = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
/** A fixed number of search iterations makes the result independent of the machine's speed. */
const iterations = z.coerce.number().int().min(1).max(10_000_000);

/** `?deadlineMs=&seed=&maxIterations=` (they win over the body's options). */
export const SolveQuery = z.strictObject({
  deadlineMs: deadline.optional(),
  seed: seed.optional(),
  maxIterations: iterations.optional(),
});

/** Solver options of a route plan request (camelCase like the rest of Fura's API). */
export const SolverOptions = z.strictObject({
  deadlineMs: deadline.optional(),
  seed: seed.optional(),
  maxIterations: iterations.optional(),
});
export type SolverOptions = z.infer<typeof SolverOptions>;

/** VROOM input plus an optional `options` object in VROOM's snake_case. */
export const VrpSolveBody = VroomInputSchema.and(
  z.object({
    options: z
      .strictObject({ deadline_ms: deadline.optional(), seed: seed.optional(), max_iterations: iterations.optional() })
      .optional(),
  }),
);
export type VrpSolveBody = z.infer<typeof VrpSolveBody>;

/** One step of a route in VROOM's output. */
const VroomStepSchema = z.object({
  type: z.string(),
  id: z.number().int().optional(),
  location_index: z.number().int(),
  arrival: z.number(),
  duration: z.number(),
  service: z.number(),
  waiting_time: z.number(),
  load: z.array(z.number()),
  distance: z.number(),
});

/** POST /vrp/solve: VROOM's output (code 0, summary, unassigned jobs with Fura's reason, routes with their steps). */
export const VroomOutputSchema = z.object({
  code: z.literal(0),
  summary: z.object({
    cost: z.number(),
    routes: z.number().int(),
    unassigned: z.number().int(),
    service: z.number(),
    duration: z.number(),
    waiting_time: z.number(),
    distance: z.number(),
  }),
  unassigned: z.array(
    z.object({ id: z.number().int(), type: z.string(), location_index: z.number().int(), reason: z.string() }),
  ),
  routes: z.array(
    z.object({
      vehicle: z.number().int(),
      cost: z.number(),
      delivery: z.array(z.number()),
      service: z.number(),
      duration: z.number(),
      waiting_time: z.number(),
      distance: z.number(),
      steps: z.array(VroomStepSchema),
    }),
  ),
});
