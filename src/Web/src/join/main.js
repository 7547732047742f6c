// The join page: built in issue #10 (see docs/web.md).
import { el, replace } from "../shared/dom.js";

replace(document.querySelector("main"), el("p", { role: "status" }, "Loading…"));
