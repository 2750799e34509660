‚getIO().emit("ticket", {});
