import type { Locator, Page } from 'playwright-core';
import { runCommand } from './quickInput';

/**
 * Waits for a notification whose message matches, as a toast or, when VS Code keeps it out of the
 * toasts, in the notification centre; returns its element.
 */
export async function notification(page: Page, message: string | RegExp, timeout = 20_000): Promise<Locator> {
  const item = (container: string) => page.locator(container, { has: page.locator('.notification-list-item-message', { hasText: message }) }).first();
  const inCentre = item('.notifications-center .monaco-list-row');
  // While the centre is open (left so by an earlier look), VS Code shows no toasts: only the centre can have it.
  if (await page.locator('.notifications-center').isVisible()) {
    await inCentre.waitFor({ timeout });
    return inCentre;
  }
  // A toast hides after a while: one shown before this look (while the window waited for its turn) is in the centre.
  const toastTimeout = Math.min(timeout / 2, 5_000);
  try {
    await item('.notification-toast').waitFor({ timeout: toastTimeout });
    return item('.notification-toast');
  } catch {
    await runCommand(page, 'Notifications: Show Notifications');
    await inCentre.waitFor({ timeout: timeout - toastTimeout });
    return inCentre;
  }
}

export async function clickNotificationButton(page: Page, message: string | RegExp, button: string): Promise<void> {
  const toast = await notification(page, message);
  await toast.locator('.monaco-button', { hasText: button }).first().click();
}

/** The severity of a notification returned by `notification()`, from its icon. */
export async function notificationSeverity(item: Locator): Promise<'info' | 'warning' | 'error'> {
  const icon = (await item.locator('.notification-list-item-icon').first().getAttribute('class')) ?? '';
  return /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : 'info';
}

export async function clearNotifications(page: Page): Promise<void> {
  // It opens no quick input, so a focused page may keep its focus (the screens check its focus indicators next).
  await runCommand(page, 'Notifications: Clear All Notifications', { keepWebviewFocus: true });
}

/** Messages of the notification toasts on screen now. */
export async function notificationMessages(page: Page): Promise<string[]> {
  return page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
}
