/** The catalogue (administration): POST /products, PATCH /products/:productId, its prices. */
import {
  PriceCreate,
  PriceListSchema,
  PriceSetSchema,
  ProductCreate,
  ProductParams,
  ProductUpdate,
} from "../../shared/contracts/catalogue";
import { ProductSchema } from "../../shared/contracts/reference";
import { createProduct, loadProductRow, setPrice, updateProduct } from "../commands/catalogue";
import type { AppDeps } from "../deps";
import { listPrices } from "../queries/catalogue";
import { created as createdAnswer, type SecureRouter } from "./secureRouter";

const manage = { action: "catalogue:manage" } as const;

/** Products and prices: the administrator's (national reference data). */
export function catalogueRoutes(r: SecureRouter, { db, clock }: AppDeps): void {
  r.post(
    "/products",
    { ...manage, body: ProductCreate, response: createdAnswer(ProductSchema) },
    ({ tx, user, body, now }) => {
      const created = createProduct(tx, body, user.id, now);
      return {
        status: 201,
        body: created,
        audit: { action: "product.create", objectType: "product", objectId: created.code, after: created },
      };
    },
  );
  r.patch(
    "/products/:productId",
    { ...manage, params: ProductParams, body: ProductUpdate, response: ProductSchema },
    ({ tx, params, body }) => {
      const { before, after } = updateProduct(tx, params.productId, body);
      const action =
        before.active && !after.active
          ? "product.deactivate"
          : !before.active && after.active
            ? "product.activate"
            : "product.update";
      return {
        status: 200,
        body: after,
        audit: { action, objectType: "product", objectId: after.code, before, after },
      };
    },
  );
  r.get(
    "/products/:productId/prices",
    { ...manage, params: ProductParams, response: PriceListSchema },
    ({ res, params }) => {
      loadProductRow(db, params.productId);
      res.json({ items: listPrices(db, params.productId, clock().toISOString().slice(0, 10)) });
    },
  );
  r.post(
    "/products/:productId/prices",
    { ...manage, params: ProductParams, body: PriceCreate, response: createdAnswer(PriceSetSchema) },
    ({ tx, user, params, body, now }) => {
      const product = loadProductRow(tx, params.productId);
      const set = setPrice(tx, product.id, body, user.id, now);
      return {
        status: 201,
        body: {
          productId: product.id,
          validFrom: body.validFrom,
          pricePerPackXof: body.pricePerPackXof,
          currentPricePerPackXof: set.current,
        },
        audit: {
          action: "product.price.set",
          objectType: "product",
          objectId: product.code,
          before: {
            validFrom: body.validFrom,
            pricePerPackXof: set.before,
            currentPricePerPackXof: product.pricePerPackXof,
          },
          after: { validFrom: body.validFrom, pricePerPackXof: set.after, currentPricePerPackXof: set.current },
        },
      };
    },
  );
}
