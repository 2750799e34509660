€import { EventEmitter } from "events";
import Queue from "bull";

// Node's EventEmitter, streams and Bull queues: `.emit`/`.on` on objects that are not Socket.IO.
export const campaignEvents = new EventEmitter();
campaignEvents.emit("ticket", { action: "update" });
campaignEvents.on("appMessage", () => undefined);

class WhatsAppSessionEmitter extends EventEmitter {
  notify(companyId: number) {
    this.emit(`company${companyId}-whatsappSession`, { companyId });
    this.on("qrcode", () => undefined);
  }
}

export const sendQueue = new Queue("SendMessages");
sendQueue.on("completed", job => job.remove());
process.on("unhandledRejection", err => console.error(err));
process.emit("warning" as any);
const stream = require("fs").createReadStream("x");
stream.on("data", () => undefined);
const io = new EventEmitter();
io.emit("ticket");
const socket = new EventEmitter();
socket.on("ticket", () => undefined);
export { WhatsAppSessionEmitter };
