€import { getIO } from "../../libs/socket";

// Excluded by the catalog's `audit.exclude`: test doubles emit whatever they like.
it("emits", () => {
  getIO().emit("contact", {});
});
