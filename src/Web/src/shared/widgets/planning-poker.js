// Planning poker: one card of the deck (configuration.card_values, default 0 1 2 3 5 8 13 21 ?).
import { el, format } from "../dom.js";
import { choice, chosenIndices } from "./choice.js";

const DefaultCards = ["0", "1", "2", "3", "5", "8", "13", "21", "?"];

export function planningPokerWidget(activity, { texts, submit }) {
  const config = activity.configuration ?? {};
  const cards = (config.card_values?.length ? config.card_values : DefaultCards).map(String);
  const picker = choice({ legend: config.story || activity.title, options: cards, compact: true, hint: texts.pickCard });
  const button = el("button", { type: "submit", class: "primary big" }, texts.sendEstimate);
  const form = el("form", { class: "widget widget-poker" }, picker.node, button);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const [index] = picker.selected();
    if (index === undefined) { await submit(null, texts.pickFirst); return; }
    lock(true);
    const ack = await submit({ value: cards[index] });
    if (ack) showAnswered([{ response_data: { value: cards[index] } }]);
    else lock(false);
  });

  function lock(locked) { picker.disable(locked); button.disabled = locked; }

  function showAnswered(responses) {
    const last = responses.at(-1);
    if (!last) return;
    const [index] = chosenIndices(last.response_data, cards);
    if (index >= 0) picker.select([index]);
    lock(true);
    button.textContent = format(texts.yourEstimate, { value: last.response_data?.value ?? "" });
  }

  return { node: form, showAnswered };
}
