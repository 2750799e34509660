€getIO().emit("ticket", {});
