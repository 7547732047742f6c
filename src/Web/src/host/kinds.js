// Which activities the console moderates, and how (Q&A questions, word-cloud submissions).
const typeOf = (activity) => activity?.activity_type ?? activity?.type;

export const isQa = (activity) => typeOf(activity) === "qa" || typeOf(activity) === "qna";
export const isWordCloud = (activity) => typeOf(activity) === "word_cloud";
