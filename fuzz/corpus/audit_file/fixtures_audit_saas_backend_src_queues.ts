€import Queue from "bull";
import * as Sentry from "@sentry/node";
import moment from "moment";
import { Op } from "sequelize";
import { EventEmitter } from "events";
import Campaign from "./models/Campaign";
import CampaignShipping from "./models/CampaignShipping";
import ContactListItem from "./models/ContactListItem";
import { getIO } from "./libs/socket";
import { companyNamespace } from "./helpers/socketEmit";
import logger from "./utils/logger";
import { SendScheduledMessages } from "./services/ScheduleServices/SendScheduledMessages";
import GetWhatsappWbot from "./helpers/GetWhatsappWbot";

const connection = process.env.REDIS_URI || "";
const limiterMax = Number(process.env.REDIS_OPT_LIMITER_MAX || 1);
const limiterDuration = Number(process.env.REDIS_OPT_LIMITER_DURATION || 3000);

export const userMonitor = new Queue("UserMonitor", connection);
export const scheduleMonitor = new Queue("ScheduleMonitor", connection);
export const campaignQueue = new Queue("CampaignQueue", connection, {
  limiter: { max: limiterMax, duration: limiterDuration }
});

const campaignProgress = new EventEmitter();

async function handleVerifySchedules(): Promise<void> {
  await SendScheduledMessages();
}

async function handleDispatchCampaign(job: Queue.Job<{ campaignShippingId: number; campaignId: number }>): Promise<void> {
  const { campaignShippingId, campaignId } = job.data;
  const campaign = await Campaign.findByPk(campaignId, { include: ["contactList", "whatsapp"] });
  if (!campaign) return;
  const wbot = await GetWhatsappWbot(campaign.whatsapp);
  const shipping = await CampaignShipping.findByPk(campaignShippingId, {
    include: [{ model: ContactListItem, as: "contact" }]
  });
  if (!shipping) return;

  await wbot.sendMessage(`${shipping.number}@s.whatsapp.net`, { text: shipping.message });
  await shipping.update({ deliveredAt: moment() });

  const delivered = await CampaignShipping.count({ where: { campaignId, deliveredAt: { [Op.ne]: null } } });
  campaignProgress.emit("progress", campaignId, delivered);
  await job.progress(delivered);

  companyNamespace(campaign.companyId).emit(`company-${campaign.companyId}-campaign`, {
    action: "update",
    record: campaign,
    delivered,
    companyId: campaign.companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });
}

async function handleCampaignFinished(campaignId: number): Promise<void> {
  const campaign = await Campaign.findByPk(campaignId);
  if (!campaign) return;
  await campaign.update({ status: "FINALIZADA", completedAt: moment() });

  const io = getIO();
  // chatia-socket-ignore global-emit: the campaign report page still listens on `/` (remove after frontend 3.2)
  io.of(`/workspace-${campaign.companyId}`).emit(`company-${campaign.companyId}-campaign`, {
    action: "update",
    record: campaign,
    companyId: campaign.companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });
}

export async function startQueueProcess(): Promise<void> {
  logger.info("Iniciando processamento de filas");

  userMonitor.process("VerifyLoginStatus", async () => logger.debug("login status verified"));
  scheduleMonitor.process("Verify", handleVerifySchedules);
  campaignQueue.process("DispatchCampaign", 1, handleDispatchCampaign);

  campaignQueue.on("completed", (job: Queue.Job) => logger.debug(`campaign job ${job.id} done`));
  campaignQueue.on("failed", (job: Queue.Job, err: Error) => {
    Sentry.captureException(err);
    logger.error(`campaign job ${job.id} failed: ${err.message}`);
  });
  campaignProgress.on("progress", (campaignId: number, delivered: number) => {
    if (delivered % 100 === 0) logger.info(`campaign ${campaignId}: ${delivered} delivered`);
  });
  campaignProgress.once("finished", handleCampaignFinished);

  scheduleMonitor.add("Verify", {}, { repeat: { cron: "*/5 * * * * *" }, removeOnComplete: true });
}
