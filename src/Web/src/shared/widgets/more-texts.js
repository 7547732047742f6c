// Texts of the scale, ranking, open text and numeric widgets. The page's own texts.widgets win
// key by key, so a translation can override them there.
export const moreTexts = {
  rate: "Send rating",
  rateFirst: "Pick a rating first.",
  rateOne: "Rate at least one statement.",
  ratingOf: "{n} of {max}",
  yourRating: "Your rating is saved. You can change it and send again.",
  rankHint: "Drag the handle, or use the arrows, to put the items in order: best first.",
  moveUp: "Move {text} up",
  moveDown: "Move {text} down",
  dragHandle: "Drag {text}",
  placeOf: "Place {n}",
  moved: "{text} is now number {n}.",
  sendRanking: "Send ranking",
  yourRanking: "Your ranking is saved. You can change it and send again.",
  answerLabel: "Your answer",
  sendAnswer: "Send answer",
  enterAnswer: "Type your answer first.",
  charactersLeft: "{left} characters left.",
  yourAnswers: "Your answers",
  answersLeft: "You can send {left} more.",
  noAnswersLeft: "Thank you! You have sent all your answers.",
  othersSaid: "What others said",
  guessLabel: "Your guess ({min} to {max})",
  sendGuess: "Send guess",
  enterGuess: "Type a number first.",
  guessRange: "The guess must be from {min} to {max}.",
  wholeNumber: "The guess must be a whole number.",
  yourGuess: "Your guess: {value}. You can change it and send again.",
  correctWas: "The answer: {value}",
};

export const textsOf = (texts) => ({ ...moreTexts, ...(texts ?? {}) });
