/** The handler's view of a request the router checked: the parsed parts, typed from the route's schemas. */
import type { Request, Response } from "express";
import type { z } from "zod";
import type { Me } from "../../shared/contracts/auth";
import type { RequestOrigin } from "../audit";
import type { Action } from "../policies";

type Schema = z.ZodType;

/** The parsed value of an optional schema (undefined when the route declares none). */
export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the request, the response, the user and the parsed parts. */
export interface RouteCtx<
  A extends Action | "public" = Action,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
> {
  req: Request;
  res: Response;
  user: A extends "public" ? Me | null : Me;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  origin: RequestOrigin;
}

/** The handler's view of a checked request. */
export function contextOf(req: Request, res: Response): RouteCtx<Action | "public", Schema, Schema, Schema> {
  return {
    req,
    res,
    user: (res.locals.user as Me | undefined) ?? null,
    params: res.locals.params,
    query: res.locals.query,
    body: res.locals.body,
    origin: res.locals.origin as RequestOrigin,
  } as RouteCtx<Action | "public", Schema, Schema, Schema>;
}
