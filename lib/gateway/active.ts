// The one gateway of this process, made from the environment on first use: null when UPSTREAM_URL is
// unset (the API serves its built-in record store). server.ts asks for it before it listens, so a
// wrong setting stops the start (GatewayConfigError) instead of failing the first request.
import { readGatewayConfig } from "./config";
import { createGateway, type Gateway } from "./forward";

let active: Gateway | null | undefined;

export function activeGateway(): Gateway | null {
  if (active === undefined) {
    const config = readGatewayConfig(process.env);
    active = config ? createGateway(config) : null;
  }
  return active;
}

/** Closes the upstream connections at shutdown, once the server has finished its requests. */
export async function closeGateway(): Promise<void> {
  await active?.close();
}
