// piston-client ships no types; this is the part the tests use.
declare module "piston-client" {
  interface PistonStage {
    stdout: string;
    stderr: string;
    output: string;
    code: number | null;
    signal: string | null;
    [key: string]: unknown;
  }
  interface ExecuteResult {
    language: string;
    version: string;
    run?: PistonStage;
    compile?: PistonStage;
    message?: string;
    success?: false;
    error?: unknown;
  }
  interface ExecuteConfig {
    language?: string;
    version?: string;
    files?: { name?: string; content: string }[];
    stdin?: string;
    args?: string[];
    compileTimeout?: number;
    runTimeout?: number;
    compileMemoryLimit?: number;
    runMemoryLimit?: number;
  }
  interface PistonClient {
    runtimes(): Promise<{ language: string; version: string; aliases: string[] }[] | { success: false; error: unknown }>;
    execute(language: string, code: string, config?: ExecuteConfig): Promise<ExecuteResult>;
    execute(config: ExecuteConfig & { language: string }): Promise<ExecuteResult>;
  }
  export function piston(options?: { server?: string }): PistonClient;
  export default piston;
}
