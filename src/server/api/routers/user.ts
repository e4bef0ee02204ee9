import { z } from "zod";
import { changePassword, getProfile, updateName } from "../../services/profile-service";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { signUpInput } from "./auth";

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Please enter your current password.").max(200),
    newPassword: signUpInput.shape.password,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords do not match." });

/** The caller's own account. */
export const userRouter = createTRPCRouter({
  profile: protectedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.user)),

  updateName: protectedProcedure
    .input(z.object({ name: signUpInput.shape.name }))
    .mutation(({ ctx, input }) => updateName(ctx.db, ctx.user, input.name)),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user, input)),
});
