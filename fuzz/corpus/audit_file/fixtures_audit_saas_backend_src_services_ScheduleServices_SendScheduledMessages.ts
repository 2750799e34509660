€import { Op } from "sequelize";
import moment from "moment";
import Schedule from "../../models/Schedule";
import Contact from "../../models/Contact";
import { getIO } from "../../libs/socket";
import SendMessage from "../../helpers/SendMessage";
import logger from "../../utils/logger";

export const SendScheduledMessages = async (): Promise<void> => {
  const now = moment();
  const schedules = await Schedule.findAll({
    where: {
      status: "PENDENTE",
      sentAt: null,
      sendAt: {
        [Op.between]: [now.format("YYYY-MM-DD HH:mm:ss"), now.add("30", "seconds").format("YYYY-MM-DD HH:mm:ss")]
      }
    },
    include: [{ model: Contact, as: "contact" }]
  });

  for (const schedule of schedules) {
    try {
      await SendMessage(schedule.whatsappId, { number: schedule.contact.number, body: schedule.body });
      await schedule.update({ sentAt: moment().format("YYYY-MM-DD HH:mm"), status: "ENVIADA" });

      const io = getIO();
      io.of(`/workspace-${schedule.companyId}`).emit(`company${schedule.companyId}-schedule`, {
        action: "update",
        schedule,
        companyId: schedule.companyId,
        userId: schedule.userId,
        timestamp: new Date().toISOString()
      });
    } catch (err) {
      logger.error({ err, scheduleId: schedule.id }, "scheduled message not sent");
      await schedule.update({ status: "ERRO" });
    }
  }
};
