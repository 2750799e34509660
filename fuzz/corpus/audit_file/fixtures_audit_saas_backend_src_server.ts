€import gracefulShutdown from "http-graceful-shutdown";
import app from "./app";
import { initIO } from "./libs/socket";
import { registerLegacyNamespaces } from "./libs/socketLegacy";
import logger from "./utils/logger";
import { StartAllWhatsAppsSessions } from "./services/WbotServices/StartAllWhatsAppsSessions";
import Company from "./models/Company";
import { startQueueProcess } from "./queues";

const server = app.listen(process.env.PORT, async () => {
  const companies = await Company.findAll();
  await Promise.all(companies.map(c => StartAllWhatsAppsSessions(c.id)));
  startQueueProcess();
  logger.info(`Server started on port: ${process.env.PORT}`);
});

const io = initIO(server);
registerLegacyNamespaces(io);

process.on("uncaughtException", err => {
  logger.error({ err }, "uncaughtException");
  process.exit(1);
});

gracefulShutdown(server);
