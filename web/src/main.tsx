/**
 * Entry point: i18n, react-query, router, and the app. Pages are lazy chunks, and so are the texts (the shell's load
 * before the first render), so this stays small; the service worker registers after.
 */
/// <reference types="vite-plugin-pwa/vanillajs" />
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createQueryClient } from "./api/queryClient";
import { App } from "./App";
import { textsReady } from "./i18n";
import "./styles.css";

const queryClient = createQueryClient();

/** Renders once the shell's texts are loaded (or could not be: the app renders anyway, and says what failed). */
void textsReady
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById("root")!).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );

/** Registers the service worker (app shell offline, the driver's data; see vite.config.ts) once the page has loaded, from a lazy chunk. */
function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const register = () => void import("virtual:pwa-register").then(({ registerSW }) => registerSW({ immediate: true }));
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

registerServiceWorker();
