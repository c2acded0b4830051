// Agreements are signed and run by Chinese regional governments: "today" is the date in China
// Standard Time, shared with the projects subgraph through the kit. Whether an agreement is in
// force on a date depends on its lifecycle too: see lifecycle.ts.
export { chinaDate } from '../../platform/calendar.ts';
