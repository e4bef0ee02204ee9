import { z } from "zod";
import { API_SCOPES, createApiToken, listApiTokens, revokeApiToken, TOKEN_NAME_MAX } from "../../services/api-token-service";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { idSchema } from "../schemas";

/** Personal API tokens of the signed-in user (settings page). */
export const apiTokenRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user)),

  create: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "Give the token a name.").max(TOKEN_NAME_MAX, `At most ${TOKEN_NAME_MAX} characters.`),
        scopes: z.array(z.enum(API_SCOPES)).min(1, "Pick at least one scope."),
      }),
    )
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.user, input)),

  revoke: protectedProcedure.input(z.object({ id: idSchema })).mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.user, input.id)),
});
