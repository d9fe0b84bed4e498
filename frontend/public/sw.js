// The web app's service worker: it only shows reminders as system notifications (the page calls
// registration.showNotification) and, when one is clicked, focuses the app's tab (or opens one) and
// tells it which task to show. It caches nothing and answers no requests.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const taskId = event.notification.data && event.notification.data.taskId;
  event.waitUntil(
    (async () => {
      const tabs = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const tab = tabs.find((client) => new URL(client.url).origin === self.location.origin);
      if (tab) {
        if (typeof taskId === "number") tab.postMessage({ type: "focus-task", id: taskId });
        await tab.focus();
      } else {
        await self.clients.openWindow("/");
      }
    })(),
  );
});
