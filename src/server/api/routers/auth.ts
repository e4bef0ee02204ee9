import { z } from "zod";
import { clientIp } from "../../rate-limit-rules";
import { signUp } from "../../services/user-service";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Please enter your name.").max(100, "Name is too long (100 characters at most)."),
  email: z.string().trim().max(254, "Email is too long.").email("Please enter a valid email address."),
  password: z
    .string()
    .min(8, "Password must be at least 8 characters.")
    // bcrypt only uses the first 72 bytes
    .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "Password must be at most 72 bytes."),
});

export const authRouter = createTRPCRouter({
  /** Creates a STUDENT account; the client then signs in through next-auth. */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const user = await signUp(ctx.db, input, { ip: clientIp(ctx.headers) });
    return { id: user.id, email: user.email, name: user.name };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.session?.user ?? null),
});
