€import AppError from "../../errors/AppError";
import QuickMessage from "../../models/QuickMessage";
import { getIO } from "../../libs/socket";

interface Data {
  shortcode: string;
  message: string;
  userId: number | string;
  id?: number | string;
  companyId: number;
}

const UpdateService = async (data: Data): Promise<QuickMessage> => {
  const { id, shortcode, message, userId, companyId } = data;

  const record = await QuickMessage.findByPk(id);
  if (!record) {
    throw new AppError("ERR_NO_TICKETNOTE_FOUND", 404);
  }
  await record.update({ shortcode, message, userId });

  const io = getIO();
  io.of(`/workspace-${companyId}`).emit(`company-${companyId}-quickemessage`, {
    action: "update",
    record,
    companyId,
    userId,
    timestamp: new Date().toISOString()
  });

  return record;
};

export default UpdateService;
