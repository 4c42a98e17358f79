import { z } from "./zod";

/** `?format=` of an export: CSV unless JSON Lines is asked for. */
export const exportFormatSchema = z.enum(["csv", "jsonl"]).catch("csv");
export type ExportFormat = z.output<typeof exportFormatSchema>;
