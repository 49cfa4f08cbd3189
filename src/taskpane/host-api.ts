/* The pane's host contract lives in the neutral module src/settings/pane-host.ts (the adapter implements it); re-exported for the pane's components. */
export * from "../settings/pane-host";
