// Helpers for the Monaco editor in journeys.
import { expect, type Page } from "@playwright/test";

interface MonacoWindow {
  monaco?: {
    editor: {
      getEditors(): { setValue(v: string): void; getValue(): string; getModel(): unknown }[];
      getModelMarkers(filter: { owner?: string }): { startLineNumber: number; message: string; severity: number }[];
    };
  };
}

/** The editor's input area (Monaco renders a textarea or an EditContext element named by ariaLabel). */
export const editorInput = (page: Page) => page.getByTestId("code-editor").getByRole("textbox", { name: "Source code" });

export async function waitForEditor(page: Page) {
  await expect(page.getByTestId("code-editor").locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => ((window as MonacoWindow).monaco?.editor.getEditors().length ?? 0) > 0);
}

/** Replaces the code through Monaco's API (window.monaco); use typeCode for real typing. */
export async function setCode(page: Page, code: string) {
  await waitForEditor(page);
  await page.evaluate((c) => (window as MonacoWindow).monaco!.editor.getEditors()[0]!.setValue(c), code);
}

export const getCode = (page: Page) => page.evaluate(() => (window as MonacoWindow).monaco!.editor.getEditors()[0]!.getValue());

/** Types like a person: click into the editor, select all, type line by line (no auto-indented lines). */
export async function typeCode(page: Page, lines: string[]) {
  await waitForEditor(page);
  await page.getByTestId("code-editor").locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(line, { delay: 20 });
    // Escape closes a suggestion list, so Enter makes a new line instead of accepting it.
    await page.keyboard.press("Escape");
    if (i < lines.length - 1) await page.keyboard.press("Enter");
  }
}

export const compilerMarkers = (page: Page) =>
  page.evaluate(() => (window as MonacoWindow).monaco!.editor.getModelMarkers({ owner: "compiler" }));
