// Types for the parts of fault-server.mjs that TypeScript code imports (server/test/contract-tables.test.ts).
export declare const PROBLEM_TYPE_BASE: string;
export declare const problemStatus: Readonly<Record<string, number>>;
export declare const TEST_PASSWORD: string;
export declare const TEST_USER: Readonly<Record<string, unknown>>;
export declare function faultServerPlugin(options?: { prefix?: string }): unknown;
export declare function faultServerMiddleware(options?: { prefix?: string; info?: () => unknown }): unknown;
