export declare const DEFAULT_DATABASE_URL: string;
export declare function resolveDatabase(url?: string): { provider: "sqlite" | "postgresql"; url: string };
