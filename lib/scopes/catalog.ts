// The scope catalog, the single source of truth for the API's resources
// (docs/architecture.md, "The scope catalog"): the matrix, validation, the API router, the OpenAPI
// document and the /docs page all derive from it.
// This default models a marketing platform's API in Klaviyo's vocabulary; a deployer replaces the
// entries with their own API's. Plain data: no imports, safe on every path.

export type AccessLevel = "read" | "write";

export type ResourceDefinition = {
  /** kebab-case; the URL segment and the scope prefix (`lists:read`). */
  id: string;
  label: string;
  description: string;
  group: string;
  /** Which levels exist. Read-only resources have no write endpoints; write-only ones no read endpoints. */
  levels: readonly AccessLevel[];
};

const READ_WRITE = ["read", "write"] as const;

export const RESOURCE_GROUPS = ["Account", "Audience", "Messaging", "Content", "Commerce", "Analytics", "Privacy"] as const;

export const CATALOG = [
  {
    id: "accounts",
    label: "Accounts",
    description: "Account details: name, timezone, contact information",
    group: "Account",
    levels: ["read"],
  },
  {
    id: "tracking-settings",
    label: "Tracking settings",
    description: "UTM and click-tracking settings",
    group: "Account",
    levels: READ_WRITE,
  },
  { id: "webhooks", label: "Webhooks", description: "Endpoints that receive event notifications", group: "Account", levels: READ_WRITE },
  { id: "lists", label: "Lists", description: "Static lists of profiles", group: "Audience", levels: READ_WRITE },
  { id: "profiles", label: "Profiles", description: "People and their properties", group: "Audience", levels: READ_WRITE },
  {
    id: "segments",
    label: "Segments",
    description: "Dynamic groups of profiles defined by conditions",
    group: "Audience",
    levels: READ_WRITE,
  },
  { id: "subscriptions", label: "Subscriptions", description: "Email and SMS consent of profiles", group: "Audience", levels: READ_WRITE },
  {
    id: "push-tokens",
    label: "Push tokens",
    description: "Mobile push notification tokens of profiles",
    group: "Audience",
    levels: READ_WRITE,
  },
  {
    id: "tags",
    label: "Tags",
    description: "Labels that organize campaigns, flows, lists and segments",
    group: "Audience",
    levels: READ_WRITE,
  },
  { id: "campaigns", label: "Campaigns", description: "One-off email, SMS and push sends", group: "Messaging", levels: READ_WRITE },
  { id: "flows", label: "Flows", description: "Automated message sequences", group: "Messaging", levels: READ_WRITE },
  { id: "conversations", label: "Conversations", description: "Two-way SMS conversations", group: "Messaging", levels: READ_WRITE },
  { id: "forms", label: "Forms", description: "Sign-up forms and their versions", group: "Messaging", levels: READ_WRITE },
  { id: "templates", label: "Templates", description: "Reusable message templates", group: "Content", levels: READ_WRITE },
  { id: "images", label: "Images", description: "Uploaded images used in messages", group: "Content", levels: READ_WRITE },
  { id: "web-feeds", label: "Web feeds", description: "External data feeds used in messages", group: "Content", levels: READ_WRITE },
  { id: "catalogs", label: "Catalogs", description: "Products, variants and categories", group: "Commerce", levels: READ_WRITE },
  { id: "coupons", label: "Coupons", description: "Discount coupon definitions", group: "Commerce", levels: READ_WRITE },
  { id: "coupon-codes", label: "Coupon codes", description: "Unique codes issued for coupons", group: "Commerce", levels: READ_WRITE },
  { id: "reviews", label: "Reviews", description: "Product reviews", group: "Commerce", levels: READ_WRITE },
  {
    id: "custom-objects",
    label: "Custom objects",
    description: "Your own data types linked to profiles",
    group: "Commerce",
    levels: READ_WRITE,
  },
  {
    id: "events",
    label: "Events",
    description: "Activity of profiles: placed order, opened email, ...",
    group: "Analytics",
    levels: READ_WRITE,
  },
  { id: "metrics", label: "Metrics", description: "Event types and their aggregates", group: "Analytics", levels: READ_WRITE },
  { id: "data-privacy", label: "Data privacy", description: "Requests to delete a profile's data", group: "Privacy", levels: ["write"] },
] as const satisfies readonly ResourceDefinition[];

export type ResourceId = (typeof CATALOG)[number]["id"];

const BY_ID: ReadonlyMap<string, ResourceDefinition> = new Map(CATALOG.map((r) => [r.id, r]));

export function findResource(id: string): ResourceDefinition | undefined {
  return BY_ID.get(id);
}

export type Endpoint = { method: "GET" | "POST" | "PATCH" | "DELETE"; path: string; level: AccessLevel };

/** The endpoints a resource exposes (docs/architecture.md, "An API request"): reads need read, changes need write. */
export function endpointsOf(resource: ResourceDefinition): Endpoint[] {
  const collection = `/api/v1/${resource.id}`;
  const item = `${collection}/{id}`;
  const endpoints: Endpoint[] = [];
  if (resource.levels.includes("read"))
    endpoints.push({ method: "GET", path: collection, level: "read" }, { method: "GET", path: item, level: "read" });
  if (resource.levels.includes("write")) {
    endpoints.push(
      { method: "POST", path: collection, level: "write" },
      { method: "PATCH", path: item, level: "write" },
      { method: "DELETE", path: item, level: "write" },
    );
  }
  return endpoints;
}
