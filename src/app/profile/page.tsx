import { requireUser } from "@/app/_lib/session";
import { ActivityHeatmap } from "@/components/activity-heatmap";
import { ChangePasswordForm, ProfileNameForm } from "@/components/profile-forms";
import { serverApi } from "@/trpc/server";

export const metadata = { title: "Profile" };

const ROLE_LABELS = { STUDENT: "Student", TEACHER: "Teacher", ADMIN: "Admin" } as const;

export default async function ProfilePage() {
  await requireUser("/profile");
  const profile = await serverApi.user.profile();
  return (
    <div className="page">
      <div className="page-head">
        <h1>{profile.name}</h1>
        <span className="muted">
          {profile.email} · {ROLE_LABELS[profile.role]} · joined {profile.createdAt.toISOString().slice(0, 10)}
        </span>
      </div>
      <dl className="stats">
        <div className="stat">
          <dt>Solved</dt>
          <dd data-testid="solved-count">{profile.solvedCount}</dd>
        </div>
        <div className="stat">
          <dt>Submissions</dt>
          <dd>{profile.submissionCount}</dd>
        </div>
        <div className="stat">
          <dt>Accepted</dt>
          <dd>{profile.acceptedCount}</dd>
        </div>
      </dl>
      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title" style={{ marginTop: 0 }}>
          Activity
        </h2>
        <ActivityHeatmap since={profile.activity.since} days={profile.activity.days} />
        <p className="muted small" style={{ marginBottom: 0 }}>
          Submissions per day (UTC) over the last year; custom runs are not counted.
        </p>
      </section>
      <div className="profile-grid">
        <ProfileNameForm name={profile.name} />
        <ChangePasswordForm hasPassword={profile.hasPassword} />
      </div>
    </div>
  );
}
