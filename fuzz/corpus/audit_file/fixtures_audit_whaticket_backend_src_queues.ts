€import Queue from "bull";
import moment from "moment";
import { getIO } from "./libs/socket";
import Campaign from "./models/Campaign";
import CampaignShipping from "./models/CampaignShipping";
import { logger } from "./utils/logger";

const connection = process.env.REDIS_URI || "";

export const sendScheduledMessages = new Queue("SendSacheduledMessages", connection);
export const campaignQueue = new Queue("CampaignQueue", connection);

async function verifyAndFinalizeCampaign(campaign: Campaign) {
  const count = await CampaignShipping.count({ where: { campaignId: campaign.id, deliveredAt: null } });
  if (count > 0) return;

  await campaign.update({ status: "FINALIZADA", completedAt: moment() });

  const io = getIO();
  // chatia-socket-ignore namespace-name: campaign screens still connect to the legacy numeric namespace
  io.of(String(campaign.companyId)).emit(`company-${campaign.companyId}-campaign`, {
    action: "update",
    record: campaign,
    companyId: campaign.companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });
}

async function handleDispatchCampaign(job: any) {
  const { campaignShippingId, campaignId } = job.data;
  const campaign = await Campaign.findByPk(campaignId);
  const shipping = await CampaignShipping.findByPk(campaignShippingId);
  await shipping.update({ deliveredAt: moment() });
  await verifyAndFinalizeCampaign(campaign);

  const io = getIO();
  // chatia-socket-ignore global-emit: progress bar of the superadmin dashboard
  io.of(`/workspace-${campaign.companyId}`).emit(`company-${campaign.companyId}-campaign`, {
    action: "update",
    record: campaign,
    companyId: campaign.companyId,
    userId: null,
    timestamp: new Date().toISOString()
  });
}

export async function startQueueProcess() {
  logger.info("Iniciando processamento de filas");
  campaignQueue.process("DispatchCampaign", handleDispatchCampaign);
  sendScheduledMessages.on("completed", (job: any) => logger.info(`Job ${job.id} done`));
  campaignQueue.on("failed", (job: any, err: Error) => logger.error(err));
}
