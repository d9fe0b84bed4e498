import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { connection } from "./connection";

afterEach(() => {
  cleanup();
  localStorage.clear();
  connection.set(true);
});

// jsdom has <dialog> but not its methods: the open attribute is what the components read.
if (typeof HTMLDialogElement !== "undefined" && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
}
