‚"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getIO = exports.initIO = void 0;
const socket_io_1 = require("socket.io");
let io;
const initIO = (httpServer) => {
    io = new socket_io_1.Server(httpServer);
    io.on("connection", socket => {
        socket.broadcast.emit("userOnline", {});
    });
    io.emit("ticket", { action: "update" });
    return io;
};
exports.initIO = initIO;
const getIO = () => io;
exports.getIO = getIO;
