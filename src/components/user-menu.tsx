"use client";

import Link from "next/link";
import type { Session } from "next-auth";
import { signOut } from "next-auth/react";
import { useEffect, useId, useRef, useState } from "react";
import { applyThemeChoice, readThemeChoice, THEME_CHOICES, type ThemeChoice } from "@/lib/theme";

const ROLE_LABELS = { STUDENT: "Student", TEACHER: "Teacher", ADMIN: "Admin" } as const;
const THEME_LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

/**
 * The account menu: a disclosure button (not an ARIA menu, so Tab moves through it as usual).
 * Escape or a click outside closes it; Escape returns focus to the button.
 */
export function UserMenu({ user }: { user: Session["user"] }) {
  const [open, setOpen] = useState(false);
  const [theme, setTheme] = useState<ThemeChoice>("system");
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onFocus = (event: FocusEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open]);

  function chooseTheme(choice: ThemeChoice) {
    setTheme(choice);
    applyThemeChoice(choice);
  }

  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          // The remembered choice lives in localStorage (client-only): read it when the menu opens.
          if (!open) setTheme(readThemeChoice());
          setOpen(!open);
        }}
        data-testid="current-user"
      >
        <span className="avatar" aria-hidden>
          {initials || "?"}
        </span>
        <span className="user-menu-name">{user.name}</span>
        <span className="sr-only"> — account menu</span>
        <span className="caret" aria-hidden>
          ▾
        </span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open} data-testid="user-menu-panel">
        <div className="user-menu-who">
          <strong>{user.name}</strong>
          <span className="muted small">{user.email}</span>
          <span className={`role role-${user.role.toLowerCase()}`}>{ROLE_LABELS[user.role]}</span>
        </div>
        <Link href="/profile" className="user-menu-item" onClick={() => setOpen(false)}>
          Profile
        </Link>
        <Link href="/settings/tokens" className="user-menu-item" onClick={() => setOpen(false)}>
          API tokens
        </Link>
        <Link href="/docs/api" className="user-menu-item" onClick={() => setOpen(false)}>
          API docs
        </Link>
        <fieldset className="theme-choice">
          <legend>Theme</legend>
          <div className="segmented">
            {THEME_CHOICES.map((choice) => (
              <label key={choice} className={theme === choice ? "selected" : undefined}>
                <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => chooseTheme(choice)} />
                {THEME_LABELS[choice]}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="button" className="user-menu-item" onClick={() => void signOut({ callbackUrl: "/" })}>
          Sign out
        </button>
      </div>
    </div>
  );
}
