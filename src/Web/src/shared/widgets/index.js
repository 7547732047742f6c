// The answer widget for an activity: one module per known type, the generic one (from the
// activity's schema_render) for every other type.
import { pollWidget } from "./poll.js";
import { wordCloudWidget } from "./word-cloud.js";
import { qaWidget } from "./qa.js";
import { planningPokerWidget } from "./planning-poker.js";
import { genericWidget } from "./generic.js";
import { scaleWidget } from "./scale.js";
import { rankingWidget } from "./ranking.js";
import { openTextWidget } from "./open-text.js";
import { numericWidget } from "./numeric.js";
import { quizWidget } from "./quiz.js";

const byType = {
  poll: pollWidget,
  word_cloud: wordCloudWidget,
  qa: qaWidget,
  qna: qaWidget,
  planning_poker: planningPokerWidget,
  scale: scaleWidget,
  ranking: rankingWidget,
  open_text: openTextWidget,
  numeric: numericWidget,
  quiz: quizWidget,
};

/**
 * @param {object} activity the activity in its framework shape
 * @param {{ texts: object, submit: (responseData: object|null, localError?: string) => Promise<object|null> }} ctx
 * @returns {{ node: HTMLElement, showAnswered?: (responses: object[]) => void, showResults?: (results: object) => void }}
 */
export function answerWidget(activity, ctx) {
  return (byType[activity.activity_type] ?? genericWidget)(activity, ctx);
}
