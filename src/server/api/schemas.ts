/** Input schemas that several routers share (one definition each). */
import { z } from "zod";

/** A row id as procedures take it (cuid; the bound only keeps junk out). */
export const idSchema = z.string().min(1).max(64);
