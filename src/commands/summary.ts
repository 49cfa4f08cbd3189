/* The ribbon check's summary dialog: renders the counts from its URL as text. */
import { parseSummary, summaryLines } from "./summary-text";

function render(): void {
  const { counts, lang } = parseSummary(window.location.search);
  const text = summaryLines(counts, lang);
  document.documentElement.lang = lang;
  document.title = text.title;
  const root = document.getElementById("summary");
  if (!root) return;
  const h = document.createElement("h1");
  h.textContent = text.title;
  root.appendChild(h);
  for (const line of text.lines) {
    const p = document.createElement("p");
    p.textContent = line;
    root.appendChild(p);
  }
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text.close;
  button.addEventListener("click", () => Office.context.ui.messageParent("close"));
  root.appendChild(button);
  button.focus();
}

Office.onReady(render);
