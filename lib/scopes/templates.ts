// Integration templates: starting points for the keys integrations usually need, offered by "Create API
// key" beside the access presets. Plain data beside the catalog (lib/scopes/catalog.ts), checked against
// it by templates.test.ts; a deployer who replaces the catalog replaces these too. Choosing one only
// fills the form: every field and the matrix stay editable, and nothing is created until submitted.
import type { Scope } from "./scopes";

export type IntegrationTemplate = {
  /** kebab-case, unique. */
  id: string;
  name: string;
  description: string;
  /** At most one per resource, each a level the resource offers. */
  scopes: readonly Scope[];
  /** How long the key should live, within the expiry policy (1 to 365 days); null: it never expires. */
  recommendedExpiryDays: number | null;
};

export const INTEGRATION_TEMPLATES = [
  {
    id: "analytics-export",
    name: "Analytics export",
    description: "Reads metrics, events, profiles and campaigns for a reporting or BI tool. Changes nothing.",
    scopes: ["metrics:read", "events:read", "profiles:read", "campaigns:read"],
    recommendedExpiryDays: 90,
  },
  {
    id: "e-commerce-sync",
    name: "E-commerce sync",
    description: "Keeps a store's products, coupons and shoppers in step and sends their orders as events.",
    scopes: ["catalogs:write", "coupons:write", "coupon-codes:write", "reviews:write", "profiles:write", "events:write", "metrics:read"],
    recommendedExpiryDays: 90,
  },
  {
    id: "support-desk",
    name: "Support desk",
    description: "Lets a help desk look up customers and their activity, answer SMS and update consent.",
    scopes: ["profiles:read", "events:read", "lists:read", "subscriptions:write", "conversations:write"],
    recommendedExpiryDays: 60,
  },
  {
    id: "data-warehouse",
    name: "Data warehouse",
    description: "Copies audience, messaging and commerce data into a warehouse for analysis. Changes nothing.",
    scopes: [
      "profiles:read",
      "lists:read",
      "segments:read",
      "subscriptions:read",
      "campaigns:read",
      "flows:read",
      "catalogs:read",
      "events:read",
      "metrics:read",
    ],
    recommendedExpiryDays: 30,
  },
] as const satisfies readonly IntegrationTemplate[];

export type IntegrationTemplateId = (typeof INTEGRATION_TEMPLATES)[number]["id"];

export function findTemplate(id: string): IntegrationTemplate | undefined {
  return INTEGRATION_TEMPLATES.find((template) => template.id === id);
}
