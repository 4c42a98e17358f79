type Database = { provider: "sqlite" | "postgresql"; url: string };
export declare function everyMigrationApplied(database: Database): Promise<boolean>;
export declare function deployMigrations(database?: { provider: "sqlite" | "postgresql"; url: string }): Promise<string[]>;
export declare function createMigration(provider: "sqlite" | "postgresql", name: string, stamp?: string): Promise<string>;
