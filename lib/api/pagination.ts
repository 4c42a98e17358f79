// How the API pages a list: the sizes it accepts and the links it answers with. The router, the
// OpenAPI document and the /docs page all read them here, so the three cannot drift apart.
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** links.self names the page asked for; links.next the one after it, or null on the last page. */
export function pageLinks(listPath: string, limit: number, cursor: string | null, nextCursor: string | null) {
  return {
    self: `${listPath}?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    next: nextCursor ? `${listPath}?${new URLSearchParams({ limit: String(limit), cursor: nextCursor })}` : null,
  };
}
