// Draws an activity's results in the console with the renderers the big screen uses
// (shared/results), at console size, and gives the same results as text for the live region.
import { renderResults, describeResults } from "../shared/results/index.js";

export function resultsView(container, activity, results) {
  renderResults(container, activity, results ?? {}, { size: "console" });
}

export const describeView = (activity, results, present) => describeResults(activity, results ?? {}, { present });
