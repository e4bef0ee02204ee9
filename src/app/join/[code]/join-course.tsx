"use client";

import Link from "next/link";
import { api } from "@/trpc/react";

export function JoinCourse({ code }: { code: string }) {
  const join = api.course.join.useMutation();
  return (
    <div className="narrow card">
      <h1>Join a course</h1>
      {join.data ? (
        <p role="status">
          You joined <strong>{join.data.title}</strong>. <Link href="/problems">Go to the problems</Link>
        </p>
      ) : (
        <>
          <p>
            Join the course with code <code>{code}</code>?
          </p>
          <button type="button" className="button" disabled={join.isPending} onClick={() => join.mutate({ joinCode: code })}>
            Join course
          </button>
          {join.error && (
            <p className="form-error" role="alert">
              {join.error.message}
            </p>
          )}
        </>
      )}
    </div>
  );
}
