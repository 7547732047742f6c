// Ranking: the items as a list to put in order, best first. Two ways to move an item, both with
// big touch targets: drag its handle (pointer events, so it works with a finger, a mouse or a
// pen), or tap its up / down buttons (keyboard and screen-reader users; every move is announced).
import { el, format } from "../dom.js";
import { textsOf } from "./more-texts.js";

export function rankingWidget(activity, ctx) {
  const texts = textsOf(ctx.texts);
  const config = activity.configuration ?? {};
  const items = (config.items ?? []).map(String);
  let order = items.map((_, i) => i);
  const list = el("ol", { class: "rank-list", "aria-describedby": `rank-hint-${activity.id}` });
  const announce = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const button = el("button", { type: "submit", class: "primary big" }, texts.sendRanking);
  const form = el("form", { class: "widget widget-ranking" },
    config.question && config.question !== activity.title ? el("p", { class: "widget-prompt" }, config.question) : null,
    el("p", { class: "hint", id: `rank-hint-${activity.id}` }, texts.rankHint), list, announce, button);

  function draw(focusIndex, focusWhich) {
    list.replaceChildren(...order.map((item, place) => {
      const text = items[item];
      const up = el("button", { type: "button", class: "rank-move", "aria-label": format(texts.moveUp, { text }), disabled: place === 0, onclick: () => move(place, -1, "up") }, "▲");
      const down = el("button", { type: "button", class: "rank-move", "aria-label": format(texts.moveDown, { text }), disabled: place === order.length - 1, onclick: () => move(place, 1, "down") }, "▼");
      const handle = el("span", { class: "rank-handle", "aria-hidden": "true", title: format(texts.dragHandle, { text }) }, "⠿");
      const row = el("li", { class: "rank-item", dataset: { item: String(item) } },
        handle, el("span", { class: "rank-place", "aria-label": format(texts.placeOf, { n: place + 1 }) }, String(place + 1)),
        el("span", { class: "rank-text" }, text), el("span", { class: "rank-moves" }, up, down));
      handle.addEventListener("pointerdown", (e) => startDrag(e, row));
      return row;
    }));
    if (focusIndex !== undefined) {
      const target = list.children[focusIndex]?.querySelector(focusWhich === "up" ? ".rank-move:first-child" : ".rank-move:last-child");
      (target && !target.disabled ? target : list.children[focusIndex]?.querySelector(".rank-move:not(:disabled)"))?.focus();
    }
  }

  function move(place, delta, which) {
    const to = place + delta;
    if (to < 0 || to >= order.length) return;
    [order[place], order[to]] = [order[to], order[place]];
    draw(to, which);
    announce.textContent = format(texts.moved, { text: items[order[to]], n: to + 1 });
  }

  function startDrag(event, row) {
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture?.(event.pointerId);
    row.classList.add("is-dragging");
    const grab = event.clientY - row.getBoundingClientRect().top;
    let shift = 0;
    // The row follows the finger: its offset from where the list would put it (its natural place).
    const follow = (y) => {
      const natural = row.getBoundingClientRect().top - shift;
      shift = y - grab - natural;
      row.style.transform = `translateY(${shift}px)`;
    };
    const onMove = (e) => {
      follow(e.clientY);
      const rows = [...list.children];
      const from = rows.indexOf(row);
      const over = rows.findIndex((r) => r !== row && e.clientY > r.getBoundingClientRect().top && e.clientY < r.getBoundingClientRect().bottom);
      if (over < 0 || over === from) return;
      list.insertBefore(row, over > from ? rows[over].nextSibling : rows[over]);
      const [moved] = order.splice(from, 1);
      order.splice(over, 0, moved);
      follow(e.clientY);
    };
    const onUp = () => {
      handle.removeEventListener("pointermove", onMove);
      handle.removeEventListener("pointerup", onUp);
      handle.removeEventListener("pointercancel", onUp);
      const place = [...list.children].indexOf(row);
      draw();
      announce.textContent = format(texts.moved, { text: items[order[place]], n: place + 1 });
    };
    handle.addEventListener("pointermove", onMove);
    handle.addEventListener("pointerup", onUp);
    handle.addEventListener("pointercancel", onUp);
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    button.disabled = true;
    await ctx.submit({ order: [...order] });
    button.disabled = false;
  });

  function showAnswered(responses) {
    const saved = responses.at(-1)?.response_data?.order;
    if (!Array.isArray(saved)) return;
    const rest = order.filter((i) => !saved.includes(i));
    order = [...saved.filter((i) => Number.isInteger(i) && i >= 0 && i < items.length), ...rest];
    draw();
  }

  draw();
  return { node: form, showAnswered };
}
