€import { getIO } from "../libs/socket";

// Local experiment (git-ignored).
export const tryIt = () => {
  getIO().emit("test", { hello: "world" });
  getIO().of(String(1)).emit("ticket");
};
