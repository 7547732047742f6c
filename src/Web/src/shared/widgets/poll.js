// Poll: single or multiple choice (configuration.allow_multiple, legacy allow_multiple_choice).
// One answer per participant: once saved, the choice stays shown and locked.
import { el, format } from "../dom.js";
import { choice, chosenIndices } from "./choice.js";
import { decorateOptions } from "../media.js";

export function pollWidget(activity, { texts, submit }) {
  const config = activity.configuration ?? {};
  const options = (config.options ?? []).map(String);
  const multiple = Boolean(config.allow_multiple ?? config.allow_multiple_choice);
  const picker = choice({ legend: config.question || activity.title, options, multiple, hint: multiple ? texts.pickSeveral : texts.pickOne });
  const button = el("button", { type: "submit", class: "primary big" }, texts.vote);
  const form = el("form", { class: "widget widget-poll" }, decorateOptions(picker.node, activity), button);
  let answered = false;

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = picker.selected();
    if (chosen.length === 0) { await submit(null, texts.pickFirst); return; }
    lock(true);
    const ack = await submit(multiple ? { option_indices: chosen } : { option_index: chosen[0] });
    if (ack) showAnswered([{ response_data: multiple ? { option_indices: chosen } : { option_index: chosen[0] } }]);
    else lock(false);
  });

  function lock(locked) { picker.disable(locked); button.disabled = locked; }

  function showAnswered(responses) {
    const last = responses.at(-1);
    if (!last) return;
    answered = true;
    const chosen = chosenIndices(last.response_data, options).filter((i) => i >= 0);
    picker.select(chosen);
    lock(true);
    button.textContent = format(texts.youVoted, { choice: chosen.map((i) => options[i]).join(", ") });
  }

  return { node: form, showAnswered, get answered() { return answered; } };
}
