-- Join codes are stored normalised: upper case, no spaces or dashes.
-- Rows written before this rule, such as the demo course, are fixed here.
UPDATE "Course" SET "joinCode" = upper(regexp_replace("joinCode", '[[:space:]-]', '', 'g'));

ALTER TABLE "Course" ADD CONSTRAINT "Course_joinCode_normalised" CHECK ("joinCode" ~ '^[A-Z0-9]+$');
