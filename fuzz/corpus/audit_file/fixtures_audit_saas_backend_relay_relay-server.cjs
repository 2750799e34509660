…// Socket relay for the PHP billing panel: it sends { companyId, event, payload } and we fan out.
const http = require("http");
const { Server } = require("socket.io");

const server = http.createServer();
const io = new Server(server, { cors: { origin: process.env.PANEL_URL } });

const workspaces = io.of(/^\/workspace-\d+$/);
workspaces.on("connection", socket => {
  socket.on("relay", ({ companyId, event, payload }) => {
    io.of(`/workspace-${companyId}`).emit(event, payload);
  });
});

// Old panel build: still on `/`.
io.on("connection", socket => {
  socket.on("relay", ({ room, event, payload }) => {
    io.to(room).emit(event, payload);
  });
});

server.listen(process.env.RELAY_PORT || 3010);
