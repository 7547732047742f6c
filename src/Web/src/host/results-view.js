// Draws an activity's results in the console. Until the shared renderers of the big screen
// (shared/results/) are merged here, the counts are shown as plain text lists.
import { replace } from "../shared/dom.js";
import { plainResults, describePlain } from "./plain-results.js";

export function resultsView(container, activity, results) {
  replace(container, plainResults(activity, results));
}

export const describeView = (activity, results) => describePlain(activity, results);
